// The shell syntax check: many commands through one checker process, each parsed on its own,
// nothing executed; and its cache (verdicts kept per list of commands).
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkSyntaxCached } from '../../engine/catalog/syntax-cache.js';
import { checkShellSyntax, checkShellSyntaxAll } from '../../engine/parse/shell-syntax.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'rb-syntax-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('checkShellSyntaxAll', () => {
  it('judges each command on its own: an opening in one is not closed by the next', async () => {
    const verdicts = await checkShellSyntaxAll(['true', 'if true; then\necho a', 'fi', 'echo "a', '"', 'cat <<EOF\nx\nEOF', 'echo ok\n\necho )\necho b']);
    expect(verdicts?.map((v) => v?.line)).toEqual([undefined, 2, 1, 1, 1, undefined, 3]);
    expect(verdicts?.[1]?.detail).toBe('syntax error: unexpected end of file');
    expect(verdicts?.[2]?.detail).toBe("syntax error near unexpected token `fi'");
    expect(verdicts?.[6]?.detail).toBe("syntax error near unexpected token `)'");
  });

  it('executes nothing, not even after a command that tries to close the checker’s own quoting', async () => {
    const dir = tempDir();
    const marker = join(dir, 'ran');
    const commands = [`touch ${marker}`, `"; touch ${marker}; "`, `'; touch ${marker}; '`, `$(touch ${marker})`, `touch ${marker} )`, `exit 0\ntouch ${marker}`];
    const verdicts = await checkShellSyntaxAll(commands);
    expect(verdicts).toHaveLength(commands.length);
    expect(verdicts?.[0]).toBeUndefined();
    expect(verdicts?.[4]?.line).toBe(1);
    expect(existsSync(marker)).toBe(false);
  });

  it('gives the same verdicts for hundreds of commands as one at a time (split over two checkers)', async () => {
    const commands = Array.from({ length: 150 }, (_, i) => (i % 37 === 5 ? `echo $(( ${i}` : `echo ${i} | tr -d 1`));
    const all = await checkShellSyntaxAll(commands);
    const one = await Promise.all(commands.filter((_, i) => i % 37 === 5 || i % 50 === 0).map((c) => checkShellSyntax(c)));
    expect(all?.filter((v) => v !== undefined)).toHaveLength(4);
    expect(all?.filter((_, i) => i % 37 === 5 || i % 50 === 0)).toEqual(one);
  });

  it('a command holding a NUL is checked alone', async () => {
    const verdicts = await checkShellSyntaxAll(['echo a\0b', 'fi']);
    expect(verdicts?.[1]?.line).toBe(1);
    expect(verdicts).toHaveLength(2);
  });
});

describe('checkSyntaxCached', () => {
  it('keeps verdicts by content and bash: a second check of the same lists reads them back', async () => {
    const cacheDir = tempDir();
    const groups = [['true', 'fi'], ['echo "x']];
    const first = await checkSyntaxCached(groups, { cacheDir, env: process.env });
    expect(first.map((g) => g.map((v) => v?.line))).toEqual([[undefined, 1], [1]]);
    expect(await checkSyntaxCached(groups, { cacheDir, env: process.env })).toEqual(first);
    // What comes back the second time is what the cache holds: an entry changed by hand is believed.
    const entries = readdirSync(cacheDir).flatMap((sub) => readdirSync(join(cacheDir, sub)).map((f) => join(cacheDir, sub, f)));
    expect(entries).toHaveLength(3); // one per list, and one for both
    for (const entry of entries) writeFileSync(entry, readFileSync(entry, 'utf8').replaceAll('"line":1', '"line":7'));
    expect((await checkSyntaxCached(groups, { cacheDir, env: process.env })).map((g) => g.map((v) => v?.line))).toEqual([[undefined, 7], [7]]);
    // A different bash (another PATH) is another key: checked again.
    const again = await checkSyntaxCached(groups, { cacheDir, env: { ...process.env, PATH: '/bin' } });
    expect(again.map((g) => g.map((v) => v?.line))).toEqual([[undefined, 1], [1]]);
  });

  it('a damaged cache entry is checked again', async () => {
    const cacheDir = tempDir();
    await checkSyntaxCached([['fi']], { cacheDir, env: process.env });
    for (const sub of readdirSync(cacheDir)) for (const f of readdirSync(join(cacheDir, sub))) writeFileSync(join(cacheDir, sub, f), '[{"line":"x"}]');
    expect(await checkSyntaxCached([['fi']], { cacheDir, env: process.env })).toEqual([[{ line: 1, detail: "syntax error near unexpected token `fi'" }]]);
  });
});
