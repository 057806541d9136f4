/** The exam's faults: a seeded choice (an instructor can repeat a sitting with the same seed). */
import type { Fault } from '../faults/types.js';

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Faults that show themselves (a broken backup waits to be restored, so it is left out), `count` distinct, seeded. */
export function pickFaults(pool: Fault[], count: number, seed: number): Fault[] {
  const candidates = pool.filter((f) => f.id !== 'broken-backup');
  const next = random(seed);
  const shuffled = [...candidates];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const a = shuffled[i];
    const b = shuffled[j];
    if (a && b) [shuffled[i], shuffled[j]] = [b, a];
  }
  // The database goes down last: the other faults are injected through it.
  return shuffled.slice(0, count).sort((x, y) => Number(x.id === 'db-down') - Number(y.id === 'db-down'));
}
