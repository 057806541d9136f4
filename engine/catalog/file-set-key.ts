/**
 * Cache keys for a whole set of files, for results computed from all of them at once (the catalog
 * in brief, a whole `lint`). The content key hashes every file's path and content; reading and
 * hashing every file is then most of a warm command, so a second, small entry maps the files'
 * `stat` (device, inode, size, modification and change times) to the content key, as Git's index
 * does: a file whose stat is unchanged is not read. Git's "racily clean" case is handled the same
 * way: a file changed less than RACY_MS before that entry was written could be changed again with
 * the same size and timestamps (file-system timestamp resolution), so such an entry is not trusted
 * and the content decides.
 *
 * The stat entry is found by a 64-bit FNV-1a hash of the stat text and keeps that text whole, so
 * a hash collision is a miss, never another file set's result. SHA-256 (`node:crypto`, whose
 * loading was ≈18 M instructions, 1.5 ms, of a warm `list`) is loaded only when contents are hashed.
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { engineBuild } from '../version.js';
import { readCache, writeCache } from './cache.js';
import { readSource } from './read-source.js';

const STAT_SCHEMA = 'file-set-stat-v2';
const CONTENT_SCHEMA = 'file-set-content-v1';
const RACY_MS = 2000;

interface StatKey {
  key: string;
  /** Every file's path and stat, and the salt: what the key stands for. */
  text: string;
  /** The newest modification or change time among the files. */
  newest: number;
}

interface StatEntry {
  contentKey: string;
  /** The stat text the entry was written for. */
  stat: string;
  /** `Date.now()` when the entry was written. */
  writtenAt: number;
}

function isStatEntry(value: unknown): value is StatEntry {
  if (typeof value !== 'object' || value === null) return false;
  const v: Record<string, unknown> = { ...value };
  return typeof v.contentKey === 'string' && typeof v.stat === 'string' && typeof v.writtenAt === 'number';
}

/** FNV-1a, 64 bits (as two 32-bit lanes), of the UTF-16 code units of `text`, as 16 hex digits. */
export function fnv1a64(text: string): string {
  // Offset basis 0xcbf29ce484222325, prime 0x100000001b3 = 2^40 + 0x1b3.
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (let i = 0; i < text.length; i++) {
    lo ^= text.charCodeAt(i);
    // (hi:lo) * 0x1b3 + ((hi:lo) << 40), modulo 2^64.
    const loProduct = (lo & 0xffff) * 0x1b3;
    const loHigh = (lo >>> 16) * 0x1b3 + (loProduct >>> 16);
    const carry = Math.floor(loHigh / 0x10000);
    hi = (Math.imul(hi, 0x1b3) + carry + (lo << 8)) >>> 0;
    lo = ((loHigh << 16) | (loProduct & 0xffff)) >>> 0;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/** The key of every file's path and stat (and `salt`: what else the result depends on); undefined when a file cannot be stat'ed. */
function statKey(salt: string, paths: readonly string[]): StatKey | undefined {
  let text = `${STAT_SCHEMA}\0${engineBuild()}\0${salt}\0`;
  let newest = 0;
  for (const path of paths) {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return undefined;
    }
    newest = Math.max(newest, stat.mtimeMs, stat.ctimeMs);
    text += `${path}\0${stat.dev}\0${stat.ino}\0${stat.size}\0${stat.mtimeMs}\0${stat.ctimeMs}\0`;
  }
  return { key: fnv1a64(text), text, newest };
}

/** The key of every file's path and content (and `salt`); undefined when a file cannot be read (the full computation reports it). */
async function contentKey(salt: string, paths: readonly string[]): Promise<string | undefined> {
  const [{ createHash }, { cacheKey }] = await Promise.all([import('node:crypto'), import('./cache-key.js')]);
  const hash = createHash('sha256').update(`${CONTENT_SCHEMA}\0${engineBuild()}\0${salt}\0`);
  for (const path of paths) {
    let source: string;
    try {
      source = readSource(path, path);
    } catch {
      return undefined;
    }
    hash.update(`${path}\0${cacheKey(engineBuild(), basename(path), source)}\0`);
  }
  return hash.digest('hex');
}

/** The content key a stat entry maps to, unless it was written for other files or a file changed too close to its writing. */
function trustedContentKey(cacheDir: string, fast: StatKey): string | undefined {
  const entry: unknown = readCache(cacheDir, fast.key);
  return isStatEntry(entry) && entry.stat === fast.text && fast.newest < entry.writtenAt - RACY_MS ? entry.contentKey : undefined;
}

/** Maps the stat key to the content key, for the next run. */
function rememberContentKey(cacheDir: string, fast: StatKey, key: string): void {
  writeCache(cacheDir, fast.key, { contentKey: key, stat: fast.text, writtenAt: Date.now() } satisfies StatEntry);
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
  const key = await contentKey(salt, paths);
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
