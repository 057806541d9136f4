/**
 * Message catalogs through i18next: `{{name}}` interpolation, plurals by
 * `Intl.PluralRules` (`key_one` / `key_other`), one instance per call site
 * (no global state).
 */
import { createInstance } from 'i18next';
import { en, type MessageKey } from './en.js';
import { es } from './es.js';
import type { Lang } from './language.js';

export type Translate = (key: MessageKey, vars?: Record<string, unknown>) => string;

export function createTranslator(lang: Lang): Translate {
  const instance = createInstance();
  void instance.init({
    lng: lang,
    fallbackLng: 'en',
    initAsync: false,
    showSupportNotice: false,
    interpolation: { escapeValue: false },
    resources: { en: { translation: en }, es: { translation: es } },
  });
  return (key, vars) => String(instance.t(key, vars ?? {}));
}

/** Keys of the base catalog without plural suffixes, as passed to `t`. */
export function baseKeys(catalog: Record<string, string>): string[] {
  return [...new Set(Object.keys(catalog).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')))];
}
