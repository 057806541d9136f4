/**
 * Start-up cost is module loading: each command loads only what it uses. On a
 * parse-cache hit nothing loads the Markdown parser, and `play --yes` loads no
 * prompt library. (Times are in `npm run bench`; this guards the cause.)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'dist', 'engine', 'cli', 'bin.js');
const hook = join(root, 'test', 'support', 'record-imports.mjs');
const work = mkdtempSync(join(tmpdir(), 'runbook-lazy-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const runbook = join(work, 'steps.md');
writeFileSync(runbook, '---\nid: LAZY-1\nparams:\n  NAME:\n    default: x\n    pattern: "[a-z]+"\n---\n# Pasos\n\n```bash\necho "$NAME"\n```\n\n- [ ] Avisar al equipo\n');

let calls = 0;
/** What a command loaded: module URLs, and `intl:<what>` for each use of ICU. */
function recordOf(args: string[]): string[] {
  const record = join(work, `imports-${++calls}.log`);
  writeFileSync(record, '');
  const result = spawnSync(process.execPath, ['--import', hook, bin, ...args], {
    cwd: work,
    encoding: 'utf8',
    input: '',
    env: { ...process.env, RECORD_IMPORTS: record, RUNBOOK_STATE_DIR: join(work, 'state'), RUNBOOK_CACHE_DIR: join(work, 'cache'), RUNBOOK_LOCK_DIR: join(work, 'locks'), NO_COLOR: '1' },
  });
  expect(result.status, result.stderr).toBe(0);
  return readFileSync(record, 'utf8').trim().split('\n');
}

/** The packages (from node_modules) a command loaded. */
function packagesLoadedBy(args: string[]): string[] {
  const urls = recordOf(args);
  return [...new Set(urls.flatMap((u) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u)?.[1] ?? []))].sort();
}

const PARSER = ['unified', 'remark-parse', 'remark-gfm', 'remark-frontmatter', 'micromark', 'yaml', 'zod'];
const PROMPTS = ['@inquirer/prompts', '@inquirer/core', 'listr2'];

describe('lazy loading', () => {
  it('--version loads no package at all', () => {
    expect(packagesLoadedBy(['--version'])).toEqual([]);
  });

  it('a cold `show` or `list` parses (and caches); a warm `show`, `list` and `play --yes` then load no parser', () => {
    expect(packagesLoadedBy(['show', runbook])).toEqual(expect.arrayContaining(['unified', 'yaml']));
    // `list --dir D` lists D only: a file `show` has not parsed yet makes its start cold.
    writeFileSync(join(work, 'more.md'), '---\nid: LAZY-2\n---\n# Más\n\n- [ ] Revisar\n');
    expect(packagesLoadedBy(['list', '--dir', work])).toEqual(expect.arrayContaining(['unified', 'yaml']));
    for (const args of [['show', runbook], ['list', '--dir', work], ['play', runbook, '--yes']]) {
      const loaded = packagesLoadedBy(args);
      expect(loaded.filter((p) => PARSER.includes(p)), args.join(' ')).toEqual([]);
    }
  });

  it('`play --yes` loads no prompt library and no process library: steps run on node:child_process', () => {
    const loaded = packagesLoadedBy(['play', runbook, '--yes']);
    expect(loaded.filter((p) => PROMPTS.includes(p))).toEqual([]);
    expect(loaded).not.toContain('execa');
  });

  it('a warm `play --yes` and `list` load the engine as a few dozen chunks, not one per combination of commands', () => {
    // Each ES module costs Node 20 ≈0.4 ms to resolve, read and link (docs/benchmarks.md, "Fewer chunks"): 53 and 26 before, 31 and 16 after.
    const chunks = (args: string[]) => new Set(recordOf(args).filter((u) => u.includes('/dist/engine/cli/chunks/'))).size;
    recordOf(['play', runbook, '--yes']);
    expect(chunks(['play', runbook, '--yes'])).toBeLessThanOrEqual(32);
    // A folder of its own: the run folders under `work` hold reports, Markdown a `list` of `work` would read.
    const only = join(work, 'only');
    mkdirSync(only);
    writeFileSync(join(only, 'steps.md'), readFileSync(runbook));
    recordOf(['list', '--dir', only]);
    expect(chunks(['list', '--dir', only])).toBeLessThanOrEqual(18);
  });

  it('`play --yes` does not load the diff library (only a resume of a changed runbook needs it)', () => {
    expect(packagesLoadedBy(['play', runbook, '--yes'])).not.toContain('diff');
  });

  it('`play --yes` with no `expect=regex` block does not load node:worker_threads (only a regex match runs in a worker)', () => {
    expect(readFileSync(runbook, 'utf8')).not.toContain('regex');
    expect(recordOf(['play', runbook, '--yes'])).not.toContain('node:worker_threads');
  });

  it('a warm `list` does not load node:crypto: the stat entry is found without SHA-256', () => {
    const dir = join(work, 'crypto');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.md'), '---\nid: LAZY-2\n---\n# Paso\n\n```bash\ntrue\n```\n');
    expect(recordOf(['list', '--dir', dir]), 'a new file set hashes contents').toContain('node:crypto');
    // The files were written just now: an entry made now is not trusted yet (Git's racy-file rule),
    // so date the stat entries as if written a minute later, as a run a minute later would find them.
    const cache = join(work, 'cache');
    for (const name of readdirSync(cache, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'))) {
      const entry: unknown = JSON.parse(readFileSync(join(cache, name), 'utf8'));
      if (typeof entry === 'object' && entry !== null && 'stat' in entry && 'writtenAt' in entry) writeFileSync(join(cache, name), JSON.stringify({ ...entry, writtenAt: Date.now() + 60_000 }));
    }
    const warm = recordOf(['list', '--dir', dir]);
    expect(warm.filter((u) => u.startsWith('node:')).length).toBeGreaterThan(0);
    expect(warm).not.toContain('node:crypto');
  });

  it('`list`, `show` and `play --yes` use no ICU data: no Intl formatter or collator, no localeCompare', () => {
    packagesLoadedBy(['show', runbook]); // warm the parse cache
    for (const args of [['list', '--dir', work], ['show', runbook], ['play', runbook, '--yes']]) {
      expect(recordOf(args).filter((line) => line.startsWith('intl:')), args.join(' ')).toEqual([]);
    }
  });
});
