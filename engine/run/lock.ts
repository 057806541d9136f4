/**
 * One real run of a runbook per environment per host at a time. Locks are
 * files in a directory every user of the host can write (`RUNBOOK_LOCK_DIR`,
 * else `<tmp>/runbook-locks`, sticky like /tmp). A lock whose engine and step
 * processes are all dead is stale and taken over; one whose step still runs
 * is not. Creation is atomic (`wx`), takeover is an atomic rename.
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FailedError, errorCode } from '../errors.js';
import { foldEvents, interruptedAttempt } from '../journal/fold.js';
import { JOURNAL_FILE } from '../journal/layout.js';
import { readJournal } from '../journal/read.js';
import { groupAlive, pidAlive } from '../process/group.js';

export interface LockHolder {
  user: string;
  host: string;
  pid: number;
  since: string;
  runId: string;
  runDir: string;
}

export interface Lock {
  file: string;
  release(): void;
}

export function lockDir(env: NodeJS.ProcessEnv): string {
  return env.RUNBOOK_LOCK_DIR || join(tmpdir(), 'runbook-locks');
}

function ensureLockDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o1777);
  } catch {
    // Someone else's directory: usable as long as it is writable, which the open below will tell.
  }
}

export function lockFile(dir: string, runbookId: string, env: string | undefined): string {
  const safe = (s: string) => s.toLowerCase().replace(/[^a-z0-9._-]+/g, '_');
  return join(dir, `${safe(runbookId)}--${safe(env ?? 'default')}.lock`);
}

/** The process group of the holder's step that started and never finished, if any. */
function runningStepGroup(holder: LockHolder): number | undefined {
  try {
    return interruptedAttempt(foldEvents(readJournal(join(holder.runDir, JOURNAL_FILE)).events))?.pgid;
  } catch {
    return undefined;
  }
}

export function isStale(holder: LockHolder, host = hostname()): boolean {
  if (holder.host !== host) return false; // another machine (shared mount): cannot tell, never assume
  if (pidAlive(holder.pid)) return false;
  const group = runningStepGroup(holder);
  return group === undefined || !groupAlive(group);
}

function readHolder(file: string): LockHolder | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
  } catch {
    return undefined;
  }
}

export function acquireLock(options: { env: NodeJS.ProcessEnv; runbookId: string; envName: string | undefined; holder: LockHolder; force: boolean; sameRun?: string }): Lock {
  const dir = lockDir(options.env);
  ensureLockDir(dir);
  const file = lockFile(dir, options.runbookId, options.envName);
  const body = `${JSON.stringify(options.holder)}\n`;
  const mine = (): Lock => ({
    file,
    release() {
      if (readHolder(file)?.pid === options.holder.pid && readHolder(file)?.runId === options.holder.runId) {
        try {
          unlinkSync(file);
        } catch {
          // already gone
        }
      }
    },
  });
  try {
    writeFileSync(file, body, { flag: 'wx', mode: 0o644 });
    return mine();
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') {
      throw new FailedError('error.lockUnwritable', { file, reason: errorCode(error) }, { cause: error });
    }
  }
  const holder = readHolder(file);
  const takeOver = options.force || !holder || isStale(holder) || (options.sameRun !== undefined && holder.runId === options.sameRun && !pidAlive(holder.pid));
  if (!takeOver) {
    throw new FailedError('error.locked', { user: holder.user, host: holder.host, pid: holder.pid, since: holder.since, runId: holder.runId });
  }
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, body, { mode: 0o644 });
  renameSync(temp, file);
  if (readHolder(file)?.pid !== options.holder.pid) {
    const now = readHolder(file) ?? holder;
    throw new FailedError('error.locked', { user: now?.user ?? '?', host: now?.host ?? '?', pid: now?.pid ?? 0, since: now?.since ?? '?', runId: now?.runId ?? '?' });
  }
  return mine();
}
