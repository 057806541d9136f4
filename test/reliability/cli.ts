// Spawning the built CLI in a hermetic temp world (state, cache and lock dirs of its own).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
/** The built CLI; `RUNBOOK_TEST_BIN` points the tests at another build (to check that a test fails before a fix). */
export const BIN = process.env.RUNBOOK_TEST_BIN ?? join(ROOT, 'dist', 'engine', 'cli', 'bin.js');

export interface World {
  dir: string;
  env: Record<string, string>;
  file(name: string, text: string): string;
  run(args: string[], extraEnv?: Record<string, string>): { code: number | null; stdout: string; stderr: string };
  start(args: string[], extraEnv?: Record<string, string>): ReturnType<typeof spawn> & { output(): string };
  /** Every file written under the state directory, with its bytes. */
  stateFiles(): { path: string; text: string; mode: number }[];
  journals(): Record<string, unknown>[][];
  /** The events of the latest run of one runbook (run ids only stamp seconds, so sort order alone can mislead). */
  journalOf(runbookId: string): Record<string, unknown>[];
  cleanup(): void;
}

export function world(): World {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-rel-'));
  const env = { RUNBOOK_STATE_DIR: join(dir, 'state'), RUNBOOK_CACHE_DIR: join(dir, 'cache'), RUNBOOK_LOCK_DIR: join(dir, 'locks'), RUNBOOK_LANG: 'en', NO_COLOR: '1' };
  const walk = (folder: string): string[] => {
    try {
      return readdirSync(folder, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(folder, e.name)) : [join(folder, e.name)]));
    } catch {
      return [];
    }
  };
  return {
    dir,
    env,
    file(name, text) {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    run(args, extraEnv = {}) {
      const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', input: '', env: { ...process.env, ...env, ...extraEnv }, timeout: 60_000 });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    },
    start(args, extraEnv = {}) {
      const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: { ...process.env, ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (c) => (out += String(c)));
      child.stderr.on('data', (c) => (out += String(c)));
      return Object.assign(child, { output: () => out });
    },
    stateFiles() {
      return walk(env.RUNBOOK_STATE_DIR).map((path) => ({ path, text: readFileSync(path, 'latin1'), mode: statSync(path).mode & 0o777 }));
    },
    journals() {
      // Oldest run first, by the time its first event records (ms): run ids have one-second
      // resolution, so two runs started in the same second would sort by their random part.
      const at = (events: Record<string, unknown>[]) => String(events[0]?.at ?? '');
      return walk(env.RUNBOOK_STATE_DIR)
        .filter((p) => p.endsWith('journal.jsonl'))
        .sort()
        .map((p) =>
          readFileSync(p, 'utf8')
            .split('\n')
            .flatMap((line) => {
              try {
                return [JSON.parse(line) as Record<string, unknown>];
              } catch {
                return []; // a torn last line
              }
            }),
        )
        .sort((a, b) => (at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : 0));
    },
    journalOf(runbookId) {
      const mine = this.journals().filter((events) => (events[0]?.runbook as { id?: string } | undefined)?.id === runbookId);
      return mine.at(-1) ?? [];
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` every 50 ms until it is true, failing after `ms`. */
export async function until(check: () => boolean, ms = 15_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
