/**
 * String orders without `Intl`. `localeCompare` and `Intl.Collator` load ICU's collation data on
 * first use (15–40 ms of a process's start-up on these machines), so the paths every command takes
 * (finding files, sorting diagnostics, `list`) order by these instead.
 */

/** By UTF-16 code unit: stable and the same everywhere (file names, ids, ISO times). */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const DIGITS = /(\d+)/;

/** Case-insensitive, with runs of digits compared by value (`INA-2` before `INA-10`); ties by code unit. */
export function naturalCompare(a: string, b: string): number {
  const x = a.toLowerCase().split(DIGITS);
  const y = b.toLowerCase().split(DIGITS);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i] ?? '';
    const q = y[i] ?? '';
    if (p === q) continue;
    // split() puts the digit runs at odd indexes.
    if (i % 2 === 1) {
      const m = p.replace(/^0+(?=\d)/, '');
      const n = q.replace(/^0+(?=\d)/, '');
      if (m.length !== n.length) return m.length - n.length;
      if (m !== n) return byCodeUnit(m, n);
      continue;
    }
    return byCodeUnit(p, q);
  }
  return x.length - y.length || byCodeUnit(a, b);
}
