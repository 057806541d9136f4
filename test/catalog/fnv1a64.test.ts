// The stat entries' names: FNV-1a 64 as published (offset basis and prime of the FNV reference),
// computed in two 32-bit lanes; checked against BigInt arithmetic on random texts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fnv1a64 } from '../../engine/catalog/file-set-key.js';

const reference = (text: string): string => {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) hash = ((hash ^ BigInt(text.charCodeAt(i))) * 0x100000001b3n) & 0xffffffffffffffffn;
  return hash.toString(16).padStart(16, '0');
};

describe('fnv1a64', () => {
  it('gives the reference values', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('equals 64-bit arithmetic on any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => fnv1a64(text) === reference(text)), { numRuns: 2000 });
  });
});
