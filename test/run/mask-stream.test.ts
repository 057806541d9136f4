// The stream masker: secrets split across writes, multi-line secrets and
// secrets across the early release of a very long line are all masked.
import { describe, expect, it } from 'vitest';
import { createMasker, createStreamMasker, MASK } from '../../engine/run/mask.js';

function stream(secrets: string[], writes: string[], maxLine?: number): string {
  const masker = createMasker(secrets);
  let out = '';
  const s = createStreamMasker(masker, (data) => (out += data.toString('utf8')), maxLine);
  for (const w of writes) s.write(Buffer.from(w));
  s.flush();
  return out;
}

describe('createStreamMasker', () => {
  it('passes the bytes as they came where nothing is masked, even when a `mask:` pattern makes every chunk a candidate', () => {
    const masker = createMasker(['s3cr3t-value'], ['tok-[a-z0-9]{12}']);
    const out: Buffer[] = [];
    const s = createStreamMasker(masker, (data) => out.push(data));
    const raw = Buffer.from([0x61, 0xff, 0xfe, 0x0a, 0x00, 0x00, 0x0a]); // not UTF-8: decoding would turn 0xff 0xfe into U+FFFD
    s.write(raw);
    s.write(Buffer.from('id tok-abcdef012345 y s3cr3t-value\n'));
    s.flush();
    expect(Buffer.concat(out.slice(0, 1)).equals(raw)).toBe(true);
    expect(Buffer.concat(out.slice(1)).toString('utf8')).toBe(`id ${MASK} y ${MASK}\n`);
  });

  it('masks a multi-line secret printed in two writes, whole and line by line', () => {
    const key = 'BEGIN-k3y\nab\nEND-k3y';
    const out = stream([key], ['before\nBEGIN-k3y\n', 'ab\nEND-k3y\nafter\n']);
    expect(out).toBe(`before\n${MASK}\nafter\n`);
    // Each line on its own is masked too (short lines, under 3 characters, only as part of the whole).
    expect(stream([key], ['x BEGIN-k3y y\n', 'END-k3y\n'])).toBe(`x ${MASK} y\n${MASK}\n`);
  });

  it('masks a secret that straddles the early release of a long line', () => {
    const secret = 'tok-0123456789abcdef';
    for (let offset = 0; offset < 24; offset++) {
      const line = `${'x'.repeat(40 + offset)}${secret}${'y'.repeat(50)}`;
      const writes = line.match(/.{1,7}/g) ?? [];
      const out = stream([secret], [...writes, '\n'], 48);
      expect(out, `offset ${offset}`).not.toContain('tok-');
      expect(out).toContain(MASK);
    }
  });

  it('mask() masks each line of a multi-line secret, as in a diff', () => {
    const masker = createMasker(['first-line-1\nsecond-line-2']);
    expect(masker.mask('-first-line-1\n+second-line-2\n')).toBe(`-${MASK}\n+${MASK}\n`);
  });
});
