/**
 * Lock files, read and written without trusting the directory's other
 * users: a lock is read through `O_NOFOLLOW | O_NONBLOCK` (a symbolic link,
 * a FIFO or a device is "not a lock", never followed, waited on or read),
 * at most 4 KiB, and its owner comes from `fstat`. New content is always a
 * fresh file with an unpredictable name created with `O_EXCL | O_NOFOLLOW`,
 * later linked or renamed into place: nothing that already exists is ever
 * opened for writing. The holder keeps the descriptor it created its lock
 * with and rewrites the lock through it as each step starts.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';

/** What a lock file says (untrusted: only the pids and start times are used, to check liveness). */
export interface LockBody {
  pid: number;
  /** The engine's start time (`/proc/<pid>/stat` field 22). */
  start?: string;
  host: string;
  since: string;
  runId: string;
  /** The shell of the step that runs now (or ran last), with its start time. */
  step?: { pid: number; start?: string };
}

export interface Inspected {
  /** Identity of the directory entry, to compare before replacing it. */
  ino: bigint;
  dev: bigint;
  /** Its owner: who holds the lock. */
  uid: number;
  mtime: Date;
  /** Undefined when the file is not a regular file or holds no valid lock. */
  body?: LockBody;
}

const MAX_LOCK_BYTES = 4096;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPid = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
const optString = (v: unknown): v is string | undefined => v === undefined || typeof v === 'string';

export function parseLockBody(text: string): LockBody | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || !isPid(value.pid) || !optString(value.start)) return undefined;
  if (typeof value.host !== 'string' || typeof value.since !== 'string' || typeof value.runId !== 'string') return undefined;
  const body: LockBody = { pid: value.pid, host: value.host, since: value.since, runId: value.runId, ...(value.start !== undefined && { start: value.start }) };
  const step = value.step;
  if (isRecord(step) && isPid(step.pid) && optString(step.start)) body.step = { pid: step.pid, ...(step.start !== undefined && { start: step.start }) };
  return body;
}

function errno(error: unknown): string {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : '';
}

const REREADS = 2;
const REREAD_PAUSE_MS = 5;

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The whole file from its start, or undefined when it is too big to be a lock. */
function readText(fd: number): string | undefined {
  const buffer = Buffer.alloc(MAX_LOCK_BYTES);
  let length = 0;
  for (;;) {
    const n = readSync(fd, buffer, length, MAX_LOCK_BYTES - length, length);
    if (n <= 0) break;
    length += n;
    if (length === MAX_LOCK_BYTES) return undefined;
  }
  return buffer.subarray(0, length).toString('utf8');
}

/** The lock at `path`, or undefined when there is none. */
export function inspectLock(path: string): Inspected | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    if (errno(error) === 'ENOENT') return undefined;
    try {
      const st = lstatSync(path, { bigint: true }); // a symbolic link (ELOOP) or a file we may not read
      return { ino: st.ino, dev: st.dev, uid: Number(st.uid), mtime: st.mtime };
    } catch {
      return undefined;
    }
  }
  try {
    const st = fstatSync(fd, { bigint: true });
    const found: Inspected = { ino: st.ino, dev: st.dev, uid: Number(st.uid), mtime: st.mtime };
    if (!st.isFile()) return found;
    // Its holder rewrites a lock in place (`rewriteOpen`): a read that met such a write half done is made again.
    for (let tries = 0; ; tries++) {
      const text = readText(fd);
      if (text === undefined) return found; // too big to be a lock
      const body = parseLockBody(text);
      if (body) return { ...found, body };
      if (tries === REREADS) return found;
      pause(REREAD_PAUSE_MS);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes `body` to a new file next to `base` with an unpredictable name; returns its path, inode
 * and the descriptor, kept open for writing: the holder updates its own lock in place through it.
 */
export function createOpenTemp(base: string, body: LockBody): { path: string; ino: bigint; fd: number } {
  const path = `${base}.${randomBytes(16).toString('hex')}.tmp`;
  const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
  try {
    const data = Buffer.from(`${JSON.stringify(body)}\n`);
    let offset = 0;
    while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset);
    return { path, ino: fstatSync(fd, { bigint: true }).ino, fd };
  } catch (error) {
    closeSync(fd);
    removeQuietly(path);
    throw error;
  }
}

/**
 * Rewrites a lock the engine created, in place, through the descriptor it created it with
 * (nothing is opened by name). The text is padded with spaces to at least the file's length, so
 * no truncation is needed and the file is never shorter than a whole body; one write at offset 0.
 * A reader that meets the write half done reads again (`inspectLock`).
 */
export function rewriteOpen(fd: number, body: LockBody): void {
  const text = JSON.stringify(body);
  const size = Number(fstatSync(fd).size);
  const data = Buffer.from(`${text}${' '.repeat(Math.max(0, size - text.length - 1))}\n`);
  let offset = 0;
  while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset, offset);
}

/** The inode now at `path` (not following a link), or undefined. */
export function inodeAt(path: string): bigint | undefined {
  try {
    return lstatSync(path, { bigint: true }).ino;
  } catch {
    return undefined;
  }
}

export function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone, or not ours to remove
  }
}
