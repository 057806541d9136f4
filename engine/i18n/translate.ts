/**
 * Message catalogs: flat keys, `{{name}}` interpolation, plurals by
 * `Intl.PluralRules` (`key_one` / `key_other`, `_other` when the language's
 * form has no message of its own), English when the language lacks a key,
 * the key itself when no catalog has it. A variable that is not passed
 * leaves its placeholder in place (so a missing one shows); `null` is empty.
 *
 * Written here rather than taken from i18next, which it replaced: for
 * `runbook list`, importing, initialising and calling i18next was 43 M of the
 * 224 M instructions the command adds to `node -e 0` (docs/benchmarks.md,
 * "Start-up and output, third pass"), enough to keep the start-up row over its target.
 * A translator holds no state besides its language, so one per language
 * serves every call site of a process.
 */
import { en, type MessageKey } from './en.js';
import { es } from './es.js';
import type { Lang } from './language.js';

export type Translate = (key: MessageKey, vars?: Record<string, unknown>) => string;

export type Messages = Readonly<Record<string, string | undefined>>;

const shipped: Record<Lang, Messages> = { en, es };
const made = new Map<Lang, Translate>();
const PLACEHOLDER = /\{\{(\w+)\}\}/g;

export function createTranslator(lang: Lang): Translate {
  let translate = made.get(lang);
  if (translate === undefined) {
    translate = translatorFrom(lang, shipped);
    made.set(lang, translate);
  }
  return translate;
}

interface Language {
  messages: Messages;
  plural: Intl.PluralRules;
}

function language(lang: Lang, catalogs: Record<Lang, Messages>): Language {
  return { messages: catalogs[lang], plural: new Intl.PluralRules(lang) };
}

/** The message of `key` in one language: its plural form for a numeric `count`, else the key's own. */
function message({ messages, plural }: Language, key: string, count: unknown): string | undefined {
  if (typeof count === 'number') {
    const form = messages[`${key}_${plural.select(count)}`] ?? messages[`${key}_other`];
    if (form !== undefined) return form;
  }
  return messages[key];
}

function interpolate(text: string, vars: Record<string, unknown>): string {
  return text.replace(PLACEHOLDER, (placeholder, name: string) => {
    const value = Object.hasOwn(vars, name) ? vars[name] : undefined;
    if (value === undefined) return placeholder;
    return value === null ? '' : String(value);
  });
}

/** A translator over given catalogs (the shipped ones through `createTranslator`). */
export function translatorFrom(lang: Lang, catalogs: Record<Lang, Messages>): (key: string, vars?: Record<string, unknown>) => string {
  const own = language(lang, catalogs);
  const fallback = lang === 'en' ? undefined : language('en', catalogs);
  return (key, vars = {}) => {
    const text = message(own, key, vars.count) ?? (fallback && message(fallback, key, vars.count));
    return text === undefined ? key : interpolate(text, vars);
  };
}

/** Keys of the base catalog without plural suffixes, as passed to `t`. */
export function baseKeys(catalog: Record<string, string>): string[] {
  return [...new Set(Object.keys(catalog).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')))];
}
