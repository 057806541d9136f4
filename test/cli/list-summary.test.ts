// `list` and `play <id>` read the catalog in brief from one cache entry keyed by every file's
// content: whatever changes on disk (a title, a file added, removed or renamed, a new alias) must
// show at once, never a stale answer from the cache.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '..', '..', 'dist', 'engine', 'cli', 'bin.js');
const work = mkdtempSync(join(tmpdir(), 'runbook-list-summary-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const dir = join(work, 'runbooks');
mkdirSync(dir);

const env = { ...process.env, RUNBOOK_CACHE_DIR: join(work, 'cache'), RUNBOOK_STATE_DIR: join(work, 'state'), RUNBOOK_LOCK_DIR: join(work, 'locks'), RUNBOOK_LANG: 'en', NO_COLOR: '1' };
const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: work, encoding: 'utf8', env, input: '' });
const runbook = (id: string, title: string, extra = '') => `---\nid: ${id}\n${extra}---\n# ${title}\n\n\`\`\`bash\necho ${id.toLowerCase()}\n\`\`\`\n`;

interface Row {
  id: string;
  title: string;
  aliases: string[];
  steps: number;
}
function rows(): Row[] {
  const r = cli('list', '--dir', dir, '--format', 'json');
  expect(r.status, r.stderr).toBe(0);
  const parsed: unknown = JSON.parse(r.stdout);
  if (!Array.isArray(parsed)) throw new Error('list --format json is not an array');
  return parsed.map((x: Row) => ({ id: x.id, title: x.title, aliases: x.aliases, steps: x.steps }));
}

describe('list from the catalog in brief', () => {
  it('follows every change on disk: a title, a step, a file added, renamed and removed, an alias', () => {
    writeFileSync(join(dir, 'a.md'), runbook('A-1', 'Primero'));
    expect(rows()).toEqual([{ id: 'A-1', title: 'Primero', aliases: [], steps: 1 }]);
    expect(rows()).toEqual([{ id: 'A-1', title: 'Primero', aliases: [], steps: 1 }]); // warm: the same

    writeFileSync(join(dir, 'a.md'), `${runbook('A-1', 'Primero cambiado')}\n\`\`\`bash\necho dos\n\`\`\`\n`);
    expect(rows()).toEqual([{ id: 'A-1', title: 'Primero cambiado', aliases: [], steps: 2 }]);

    writeFileSync(join(dir, 'b.md'), runbook('B-2', 'Segundo', 'aliases: [segundo]\n'));
    expect(rows().map((r) => r.id)).toEqual(['A-1', 'B-2']);

    renameSync(join(dir, 'b.md'), join(dir, 'c.md'));
    const renamed = cli('list', '--dir', dir, '--format', 'json');
    expect(renamed.stdout).toContain(join('runbooks', 'c.md'));
    expect(renamed.stdout).not.toContain(join('runbooks', 'b.md'));

    // `play <alias>` resolves through the same summary and runs the file as it is now.
    const played = cli('play', 'segundo', '--dir', dir, '--yes');
    expect(played.status, played.stderr).toBe(0);
    expect(played.stdout).toContain('b-2');

    rmSync(join(dir, 'c.md'));
    expect(rows().map((r) => r.id)).toEqual(['A-1']);
    const gone = cli('play', 'segundo', '--dir', dir, '--yes');
    expect(gone.status).toBe(2);
  });

  it('a duplicate id across files is still reported, warm as cold', () => {
    const other = join(work, 'dups');
    mkdirSync(other);
    writeFileSync(join(other, 'x.md'), runbook('DUP-1', 'Uno'));
    writeFileSync(join(other, 'y.md'), runbook('DUP-1', 'Otro'));
    for (let i = 0; i < 2; i++) {
      const r = cli('list', '--dir', other);
      expect(r.stderr).toContain('duplicate-runbook-id');
    }
  });

  describe('the stat entry (files not read when their stat is unchanged)', () => {
    const cache = join(work, 'cache');
    /** The cache entries that map a stat key to a content key, with their files. */
    const statEntries = () =>
      readdirSync(cache, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.json'))
        .map((f) => ({ file: join(cache, f), value: JSON.parse(readFileSync(join(cache, f), 'utf8')) as Record<string, unknown> }))
        .filter((e) => typeof e.value.contentKey === 'string');
    /** Points every stat entry at a made-up summary titled FROM-THE-STAT-ENTRY, as written at `writtenAt` (for the files it names, or for `stat`). */
    function forge(writtenAt: number, stat?: string): void {
      const fake = 'f'.repeat(64);
      mkdirSync(join(cache, 'ff'), { recursive: true });
      const head = { id: 'A-1', aliases: [], title: 'FROM-THE-STAT-ENTRY', severity: null, tags: [], steps: 1, estimated: null, path: join(dir, 'a.md'), dirPath: dir, display: 'runbooks/a.md' };
      writeFileSync(join(cache, 'ff', `${fake}.json`), JSON.stringify({ heads: [head], diagnostics: [] }));
      for (const e of statEntries()) writeFileSync(e.file, JSON.stringify({ contentKey: fake, stat: stat ?? e.value.stat, writtenAt }));
    }

    it('is trusted only when every file changed well before it was written, and any change of a file makes a new key', () => {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir);
      writeFileSync(join(dir, 'a.md'), runbook('A-1', 'Real'));
      expect(rows().map((r) => r.title)).toEqual(['Real']);
      expect(statEntries().length).toBeGreaterThan(0);

      // Written long after the file's last change: the stat decides, the file is not read.
      forge(Date.now() + 60_000);
      expect(rows().map((r) => r.title)).toEqual(['FROM-THE-STAT-ENTRY']);

      // Written within RACY_MS of the file's last change (same size and timestamps could hide an
      // edit): the content decides. Dated from the file's change, not the clock, so a slow machine
      // cannot move it out of the window.
      const changed = statSync(join(dir, 'a.md'));
      forge(Math.max(changed.mtimeMs, changed.ctimeMs) + 1000);
      expect(rows().map((r) => r.title)).toEqual(['Real']);

      // An entry found under the same name but written for other files (a collision of the
      // 64-bit name) is a miss: the content decides.
      forge(Date.now() + 60_000, 'other files');
      expect(rows().map((r) => r.title)).toEqual(['Real']);

      // A changed file has another stat, so another key: the forged entry is never reached.
      forge(Date.now() + 60_000);
      writeFileSync(join(dir, 'a.md'), runbook('A-1', 'Otra'));
      expect(rows().map((r) => r.title)).toEqual(['Otra']);
    });
  });
});
