/**
 * A whole lint kept in the cache: a warm lint of unchanged files gives what a cold one gives, and
 * nothing it depends on (a file's content, a file added, `--strict`, the working directory) can
 * serve an old result.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '..', '..', 'dist', 'engine', 'cli', 'bin.js');
const work = mkdtempSync(join(tmpdir(), 'runbook-lint-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const dir = join(work, 'runbooks');
const cache = join(work, 'cache');
const env = { ...process.env, RUNBOOK_CACHE_DIR: cache, RUNBOOK_STATE_DIR: join(work, 'state'), RUNBOOK_LOCK_DIR: join(work, 'locks'), RUNBOOK_LANG: 'en', NO_COLOR: '1' };
const lint = (...args: string[]) => {
  const r = spawnSync(process.execPath, [bin, 'lint', ...args], { cwd: work, encoding: 'utf8', env, input: '' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, all: r.stdout + r.stderr };
};
const good = (id: string) => `---\nid: ${id}\n---\n# ${id}\n\n\`\`\`bash\necho ok\n\`\`\`\n`;
/** A runbook with no steps: a warning (`no-steps`), an error under `--strict`. */
const empty = (id: string) => `---\nid: ${id}\n---\n# ${id}\n\nNada que hacer.\n`;

/** The cache entries that map the files' stat to a content key. */
const statEntries = () =>
  readdirSync(cache, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ file: join(cache, f), value: JSON.parse(readFileSync(join(cache, f), 'utf8')) as Record<string, unknown> }))
    .filter((e) => typeof e.value.contentKey === 'string');

beforeEach(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
  mkdirSync(dir);
});

describe('lint results in the cache', () => {
  it('a warm lint prints and exits as the cold one did, for clean files and for problems', () => {
    writeFileSync(join(dir, 'a.md'), good('A-1'));
    writeFileSync(join(dir, 'b.md'), empty('B-1'));
    const cold = lint('runbooks');
    expect(cold.all).toContain('no-steps');
    const warm = lint('runbooks');
    expect({ status: warm.status, stdout: warm.stdout, stderr: warm.stderr }).toEqual({ status: cold.status, stdout: cold.stdout, stderr: cold.stderr });
    const strictCold = lint('runbooks', '--strict');
    expect(strictCold.status).toBe(1);
    expect(lint('runbooks', '--strict').stdout).toBe(strictCold.stdout);
    // `--strict` is part of the key both ways.
    expect(lint('runbooks').status).toBe(0);
  });

  it('an edited file, a file added or another working directory never gets the old result', () => {
    writeFileSync(join(dir, 'a.md'), good('A-1'));
    expect(lint('runbooks').status).toBe(0);
    // Same size, edited at once: within the racy window, so the content decides.
    writeFileSync(join(dir, 'a.md'), empty('A-1').padEnd(good('A-1').length, ' ').slice(0, good('A-1').length));
    expect(lint('runbooks', '--strict').all).toContain('no-steps');
    writeFileSync(join(dir, 'a.md'), good('A-1'));
    expect(lint('runbooks', '--strict').status).toBe(0);
    writeFileSync(join(dir, 'c.md'), good('A-1'));
    expect(lint('runbooks').all).toContain('duplicate-runbook-id');
    rmSync(join(dir, 'c.md'));
    // Diagnostics name files relative to the working directory: another one is another result.
    writeFileSync(join(dir, 'a.md'), empty('A-1'));
    expect(lint(join(dir, 'a.md')).all).toContain('runbooks/a.md:');
    const there = spawnSync(process.execPath, [bin, 'lint', join(dir, 'a.md')], { cwd: dir, encoding: 'utf8', env, input: '' });
    expect(there.stdout + there.stderr).toMatch(/^a\.md:/m);
  });

  it('serves a result through the files\' stat only when they changed well before it was kept', () => {
    writeFileSync(join(dir, 'a.md'), empty('A-1'));
    expect(lint('runbooks').all).toContain('no-steps');
    expect(statEntries().length).toBeGreaterThan(0);
    // A made-up result, and every stat entry pointing at it as if written at `writtenAt`.
    const fake = 'e'.repeat(64);
    mkdirSync(join(cache, 'ee'), { recursive: true });
    writeFileSync(join(cache, 'ee', `${fake}.json`), JSON.stringify({ files: 1, errors: 0, warnings: 0, infos: 0, diagnostics: [] }));
    const forge = (writtenAt: number) => {
      for (const e of statEntries()) writeFileSync(e.file, JSON.stringify({ contentKey: fake, stat: e.value.stat, writtenAt }));
    };
    forge(Date.now() + 60_000);
    expect(lint('runbooks').all).not.toContain('no-steps');
    // As if written 1 s after the file's last change (within the racy window, however slow the machine).
    const changed = statSync(join(dir, 'a.md'));
    forge(Math.max(changed.mtimeMs, changed.ctimeMs) + 1000);
    expect(lint('runbooks').all).toContain('no-steps');
    forge(Date.now() + 60_000);
    writeFileSync(join(dir, 'a.md'), empty('A-2'));
    expect(lint('runbooks').all).toContain('no-steps');
  });
});
