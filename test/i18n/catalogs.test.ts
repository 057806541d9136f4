// Both catalogs have every message, with the same placeholders and plural
// forms; every key the code uses exists; the language is chosen in the
// documented order.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../engine/i18n/en.js';
import { es } from '../../engine/i18n/es.js';
import { detectLang } from '../../engine/i18n/language.js';
import { createTranslator } from '../../engine/i18n/translate.js';

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();

describe('message catalogs', () => {
  it('have the same keys (plural forms included) in both directions', () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
  });

  it('use the same placeholders in Spanish and English', () => {
    for (const [key, text] of Object.entries(en)) expect(placeholders(es[key as keyof typeof es]), key).toEqual(placeholders(text));
  });

  it('have no empty message', () => {
    for (const [key, text] of [...Object.entries(en), ...Object.entries(es)]) expect(text.trim(), key).not.toBe('');
  });

  it('contain every key the code uses', () => {
    const root = join(import.meta.dirname, '..', '..', 'engine');
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
    const base = new Set(Object.keys(en).map((k) => k.replace(/_(one|other)$/, '')));
    const used = new Set<string>();
    for (const file of files) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const m of text.matchAll(/(?:\bt|Error)\(\s*'([a-zA-Z]+\.[a-zA-Z.-]+)'/g)) used.add(m[1] as string);
    }
    expect(used.size).toBeGreaterThan(50);
    for (const key of used) expect(base.has(key), key).toBe(true);
  });

  it('pluralise with Intl rules in both languages', () => {
    expect(createTranslator('es')('show.steps', { count: 1 })).toBe('1 paso');
    expect(createTranslator('es')('show.steps', { count: 3 })).toBe('3 pasos');
    expect(createTranslator('en')('show.steps', { count: 1 })).toBe('1 step');
  });
});

describe('interface language', () => {
  it('is --lang, then RUNBOOK_LANG, then LC_ALL, LC_MESSAGES, LANG, else English', () => {
    expect(detectLang('es', { RUNBOOK_LANG: 'en' })).toBe('es');
    expect(detectLang(undefined, { RUNBOOK_LANG: 'es', LC_ALL: 'en_US.UTF-8' })).toBe('es');
    expect(detectLang(undefined, { LC_ALL: 'es_EC.UTF-8', LANG: 'en_US.UTF-8' })).toBe('es');
    expect(detectLang(undefined, { LC_MESSAGES: 'es_ES.UTF-8', LANG: 'en_US.UTF-8' })).toBe('es');
    expect(detectLang(undefined, { LANG: 'es_MX.UTF-8' })).toBe('es');
    expect(detectLang(undefined, { LANG: 'fr_FR.UTF-8' })).toBe('en');
    expect(detectLang(undefined, {})).toBe('en');
  });
});
