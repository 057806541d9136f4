/**
 * Parsed runbooks cached by content hash under `$XDG_CACHE_HOME/runbook`
 * (`RUNBOOK_CACHE_DIR` overrides; `RUNBOOK_NO_CACHE=1` disables). The cache
 * only saves time: any problem reading or writing it is ignored. Keys come
 * from `cache-key.ts` (SHA-256, loaded only by what hashes content) or, for
 * the stat entries of a file set, from `file-set-key.ts`.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function cacheDir(env: NodeJS.ProcessEnv): string | undefined {
  if (env.RUNBOOK_NO_CACHE === '1') return undefined;
  if (env.RUNBOOK_CACHE_DIR) return env.RUNBOOK_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'runbook');
}

export function readCache<T>(dir: string | undefined, key: string): T | undefined {
  if (!dir) return undefined;
  try {
    return JSON.parse(readFileSync(join(dir, key.slice(0, 2), `${key}.json`), 'utf8')) as T;
  } catch {
    return undefined;
  }
}

export function writeCache(dir: string | undefined, key: string, value: unknown): void {
  if (!dir) return;
  try {
    const folder = join(dir, key.slice(0, 2));
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const file = join(folder, `${key}.json`);
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(value), { mode: 0o600 });
    renameSync(temp, file);
  } catch {
    // A cache that cannot be written only costs time.
  }
}

/** The cache as a store of texts by key (compiled report templates, `engine/report/render.ts`). */
export function textCache(dir: string | undefined): { read(key: string): string | undefined; write(key: string, text: string): void } | undefined {
  if (!dir) return undefined;
  return {
    read(key) {
      const entry = readCache<{ text?: unknown }>(dir, key);
      return typeof entry?.text === 'string' ? entry.text : undefined;
    },
    write(key, text) {
      writeCache(dir, key, { text });
    },
  };
}
