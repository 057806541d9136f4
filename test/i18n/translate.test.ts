// The translator: the lookup order, plurals by the language's Intl rules, and interpolation
// that never reaches the prototype nor re-reads what it inserted.
import { describe, expect, it } from 'vitest';
import type { MessageKey } from '../../engine/i18n/en.js';
import { createTranslator, translatorFrom } from '../../engine/i18n/translate.js';

const catalogs = {
  en: { greet: 'Hi {{name}}!', step_one: '{{count}} step', step_other: '{{count}} steps', onlyEn: 'English only', plain: 'no placeholders' },
  es: { greet: '¡Hola, {{name}}!', step_one: '{{count}} paso', step_other: '{{count}} pasos', plain: 'sin marcadores' },
};
const view = (lang: 'en' | 'es') => translatorFrom(lang, catalogs);

describe('translator', () => {
  it('uses the language, then English, then the key itself', () => {
    const t = view('es');
    expect(t('plain')).toBe('sin marcadores');
    expect(t('onlyEn')).toBe('English only');
    expect(t('no.such.key')).toBe('no.such.key');
  });

  it("picks the plural form by the language's rules, and the other form where a form has no message", () => {
    const es = view('es');
    const en = view('en');
    expect([0, 1, 2].map((count) => es('step', { count }))).toEqual(['0 pasos', '1 paso', '2 pasos']);
    expect([0, 1, 1.5].map((count) => en('step', { count }))).toEqual(['0 steps', '1 step', '1.5 steps']);
    // Spanish has a `many` form for a million (CLDR): no `step_many` message, so `step_other`.
    expect(new Intl.PluralRules('es').select(1_000_000)).toBe('many');
    expect(es('step', { count: 1_000_000 })).toBe('1000000 pasos');
  });

  it('interpolates each placeholder once, keeps a missing one visible, and empties null', () => {
    const t = view('en');
    expect(t('greet', { name: 'Ana' })).toBe('Hi Ana!');
    expect(t('greet', { name: '{{name}} $& $1' })).toBe('Hi {{name}} $& $1!');
    expect(t('greet', {})).toBe('Hi {{name}}!');
    expect(t('greet', { name: undefined })).toBe('Hi {{name}}!');
    expect(t('greet', { name: null })).toBe('Hi !');
    expect(t('greet', { name: 0 })).toBe('Hi 0!');
  });

  it('never takes a value from the prototype of the variables', () => {
    const t = translatorFrom('en', { en: { proto: 'a {{constructor}} b {{toString}}' }, es: {} });
    expect(t('proto', {})).toBe('a {{constructor}} b {{toString}}');
  });

  it('is one translator per language', () => {
    expect(createTranslator('es')).toBe(createTranslator('es'));
    const key: MessageKey = 'show.steps';
    expect(createTranslator('es')(key, { count: 2 })).toBe('2 pasos');
  });
});
