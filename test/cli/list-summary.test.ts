// `list` and `play <id>` read the catalog in brief from one cache entry keyed by every file's
// content: whatever changes on disk (a title, a file added, removed or renamed, a new alias) must
// show at once, never a stale answer from the cache.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
});
