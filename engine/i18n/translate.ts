/**
 * Message catalogs through i18next: `{{name}}` interpolation, plurals by
 * `Intl.PluralRules` (`key_one` / `key_other`). A translator holds no state
 * of its own (its language is fixed), so one per language serves every call
 * site of a process: a `play` asked for four (the screen, the report model,
 * each report's view), ≈1 ms each to initialise.
 */
import { createInstance } from 'i18next';
import { en, type MessageKey } from './en.js';
import { es } from './es.js';
import type { Lang } from './language.js';

export type Translate = (key: MessageKey, vars?: Record<string, unknown>) => string;

const made = new Map<Lang, Translate>();

export function createTranslator(lang: Lang): Translate {
  let translate = made.get(lang);
  if (translate === undefined) {
    translate = newTranslator(lang);
    made.set(lang, translate);
  }
  return translate;
}

function newTranslator(lang: Lang): Translate {
  const instance = createInstance();
  void instance.init({
    lng: lang,
    fallbackLng: 'en',
    initAsync: false,
    showSupportNotice: false,
    interpolation: { escapeValue: false },
    // The catalogs are flat: a key such as `label.error` is one key, never a path or a namespace.
    keySeparator: false,
    nsSeparator: false,
    resources: { en: { translation: en }, es: { translation: es } },
  });
  return (key, vars) => String(instance.t(key, vars ?? {}));
}

/** Keys of the base catalog without plural suffixes, as passed to `t`. */
export function baseKeys(catalog: Record<string, string>): string[] {
  return [...new Set(Object.keys(catalog).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')))];
}
