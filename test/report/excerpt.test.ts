// Step output excerpts: head and tail of long logs, the engine's "bytes omitted" marker kept,
// terminal escapes removed, very long lines shortened.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readExcerpt } from '../../engine/report/excerpt.js';

const dir = mkdtempSync(join(tmpdir(), 'runbook-excerpt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const log = (name: string, text: string) => (writeFileSync(join(dir, name), text), name);

describe('readExcerpt', () => {
  it('keeps short output whole', () => {
    expect(readExcerpt(dir, log('short.log', 'uno\ndos\n'))).toEqual({ head: 'uno\ndos', tail: '', omittedLines: 0 });
  });

  it('keeps the first and last 40 lines of long output and counts the rest', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `line ${i + 1}`);
    const excerpt = readExcerpt(dir, log('long.log', `${lines.join('\n')}\n`));
    expect(excerpt?.head.split('\n')).toEqual(lines.slice(0, 40));
    expect(excerpt?.tail.split('\n')).toEqual(lines.slice(-40));
    expect(excerpt?.omittedLines).toBe(120);
  });

  it('keeps the engine marker of a capped log where it is', () => {
    const text = `${'a\n'.repeat(10)}\n[… 1048576 bytes omitted …]\n${'b\n'.repeat(10)}`;
    expect(readExcerpt(dir, log('capped.log', text))?.head).toContain('[… 1048576 bytes omitted …]');
  });

  it('removes colours and control characters, and shortens very long lines', () => {
    const excerpt = readExcerpt(dir, log('ansi.log', `\u001b[32m✔ Container started\u001b[0m\r\nbell\u0007\n${'x'.repeat(1000)}\n`));
    const [first, second, third] = excerpt?.head.split('\n') ?? [];
    expect(first).toBe('✔ Container started');
    expect(second).toBe('bell');
    expect(third).toBe(`${'x'.repeat(400)}…`);
  });

  it('reads nothing for a missing file, an empty one or a directory', () => {
    expect(readExcerpt(dir, 'missing.log')).toBeUndefined();
    expect(readExcerpt(dir, log('empty.log', ''))).toBeUndefined();
    expect(readExcerpt(join(dir, '..'), dir.split('/').pop() as string)).toBeUndefined();
  });
});
