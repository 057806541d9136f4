// What the report shows of a log: escapes and control characters removed, whole runs at a time,
// with the same result as removing them one by one (the definition), on any text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printable } from '../../engine/report/excerpt.js';

// eslint-disable-next-line no-control-regex
const oneByOne = (text: string) => text.replace(/\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(\u0007|\u001b\\)?|[\u0000-\u0008\u000b-\u001f\u007f]/g, '');

describe('printable', () => {
  it('removes colour codes, titles and control characters, keeps tabs, newlines and text', () => {
    expect(printable('\u001b[1;31mfallo\u001b[0m\tok\n\u001b]0;título\u0007fin\u0000\u0000\u007f.')).toBe('fallo\tok\nfin.');
    expect(printable('\u0000'.repeat(100_000) + 'después')).toBe('después');
  });

  it('equals removing one sequence at a time, on any mix of escapes, controls and text', () => {
    const piece = fc.constantFrom('\u001b', '[', ']', '\u0007', '\\', '0', ';', '1m', 'm', 'a', ' ', '\u0000', '\n', '\t', '\u007f', '~', 'ñ');
    fc.assert(fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
      const text = pieces.join('');
      return printable(text) === oneByOne(text);
    }), { numRuns: 5000 });
  });
});
