// Loaded with `node --import`: appends every module URL the process loads to
// $RECORD_IMPORTS (files, and the built-ins imported as `node:…`), so tests can check what a
// command loads (lazy loading).
import { register } from 'node:module';

register(`data:text/javascript,${encodeURIComponent(`
import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (url.startsWith('file:') || url.startsWith('node:')) appendFileSync(${JSON.stringify(process.env.RECORD_IMPORTS)}, url + '\\n');
  return next(url, context);
}`)}`);

// And every first use of ICU (an `Intl` formatter or collator, `localeCompare`, `toLocale…String`):
// each kind loads ICU data on first use, tens of milliseconds of start-up. Recorded as `intl:<what>`.
// (`Intl.PluralRules`, which the translator uses for plurals, costs ≈0.5 ms: not recorded.)
import { appendFileSync } from 'node:fs';

const note = (what) => appendFileSync(process.env.RECORD_IMPORTS, `intl:${what}\n`);
for (const name of ['Collator', 'DateTimeFormat', 'NumberFormat', 'RelativeTimeFormat', 'ListFormat', 'Segmenter', 'DisplayNames']) {
  const original = Intl[name];
  if (typeof original !== 'function') continue;
  Intl[name] = new Proxy(original, {
    construct: (target, args, newTarget) => (note(name), Reflect.construct(target, args, newTarget)),
    apply: (target, self, args) => (note(name), Reflect.apply(target, self, args)),
  });
}
for (const [proto, method] of [[String.prototype, 'localeCompare'], [Date.prototype, 'toLocaleString'], [Date.prototype, 'toLocaleTimeString'], [Date.prototype, 'toLocaleDateString'], [Number.prototype, 'toLocaleString']]) {
  const original = proto[method];
  proto[method] = function (...args) {
    note(method);
    return original.apply(this, args);
  };
}
