/**
 * Cache keys for a whole set of files, for results computed from all of them at once (the catalog
 * in brief, a whole `lint`). The content key hashes every file's path and content; reading and
 * hashing every file is then most of a warm command, so a second, small entry maps the files'
 * `stat` (device, inode, size, modification and change times) to the content key, as Git's index
 * does: a file whose stat is unchanged is not read. Git's "racily clean" case is handled the same
 * way: a file changed less than RACY_MS before that entry was written could be changed again with
 * the same size and timestamps (file-system timestamp resolution), so such an entry is not trusted
 * and the content decides.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { engineVersion } from '../version.js';
import { cacheKey, readCache, writeCache } from './cache.js';
import { readSource } from './read-source.js';

const STAT_SCHEMA = 'file-set-stat-v1';
const CONTENT_SCHEMA = 'file-set-content-v1';
const RACY_MS = 2000;

interface StatKey {
  key: string;
  /** The newest modification or change time among the files. */
  newest: number;
}

interface StatEntry {
  contentKey: string;
  /** `Date.now()` when the entry was written. */
  writtenAt: number;
}

function isStatEntry(value: unknown): value is StatEntry {
  if (typeof value !== 'object' || value === null) return false;
  const v: Record<string, unknown> = { ...value };
  return typeof v.contentKey === 'string' && typeof v.writtenAt === 'number';
}

/** The key of every file's path and stat (and `salt`: what else the result depends on); undefined when a file cannot be stat'ed. */
function statKey(salt: string, paths: readonly string[]): StatKey | undefined {
  const hash = createHash('sha256').update(`${STAT_SCHEMA}\0${engineVersion()}\0${salt}\0`);
  let newest = 0;
  for (const path of paths) {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return undefined;
    }
    newest = Math.max(newest, stat.mtimeMs, stat.ctimeMs);
    hash.update(`${path}\0${stat.dev}\0${stat.ino}\0${stat.size}\0${stat.mtimeMs}\0${stat.ctimeMs}\0`);
  }
  return { key: hash.digest('hex'), newest };
}

/** The key of every file's path and content (and `salt`); undefined when a file cannot be read (the full computation reports it). */
function contentKey(salt: string, paths: readonly string[]): string | undefined {
  const hash = createHash('sha256').update(`${CONTENT_SCHEMA}\0${engineVersion()}\0${salt}\0`);
  for (const path of paths) {
    let source: string;
    try {
      source = readSource(path, path);
    } catch {
      return undefined;
    }
    hash.update(`${path}\0${cacheKey(engineVersion(), basename(path), source)}\0`);
  }
  return hash.digest('hex');
}

/** The content key a stat entry maps to, unless a file changed too close to the entry's writing. */
function trustedContentKey(cacheDir: string, fast: StatKey): string | undefined {
  const entry: unknown = readCache(cacheDir, fast.key);
  return isStatEntry(entry) && fast.newest < entry.writtenAt - RACY_MS ? entry.contentKey : undefined;
}

/** Maps the stat key to the content key, for the next run. */
function rememberContentKey(cacheDir: string, fast: StatKey, key: string): void {
  writeCache(cacheDir, fast.key, { contentKey: key, writtenAt: Date.now() } satisfies StatEntry);
}

/**
 * A result computed from a whole set of files, from the cache when none of them changed: through
 * the stat entry when it is trusted, else the content key; `compute` runs on a miss, and what it
 * returns with `keep: false` (an incomplete result) is not kept.
 */
export async function cachedForFiles<T>(
  cacheDir: string,
  salt: string,
  paths: readonly string[],
  isValue: (value: unknown) => value is T,
  compute: () => Promise<{ value: T; keep: boolean }>,
): Promise<T> {
  const fast = statKey(salt, paths);
  const known = fast === undefined ? undefined : trustedContentKey(cacheDir, fast);
  if (known !== undefined) {
    const cached: unknown = readCache(cacheDir, known);
    if (isValue(cached)) return cached;
  }
  const key = contentKey(salt, paths);
  const remember = () => {
    if (fast !== undefined && key !== undefined) rememberContentKey(cacheDir, fast, key);
  };
  if (key !== undefined) {
    const cached: unknown = readCache(cacheDir, key);
    if (isValue(cached)) {
      remember();
      return cached;
    }
  }
  const { value, keep } = await compute();
  if (key !== undefined && keep) {
    writeCache(cacheDir, key, value);
    remember();
  }
  return value;
}
