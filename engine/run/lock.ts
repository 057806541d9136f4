/**
 * One real run of a runbook per environment per host at a time, across users.
 * Locks are files in a shared directory that is trusted only when root or the
 * engine's user owns it and it is sticky when others may write (`lock-dir.ts`).
 *
 * - Taking a free lock: the holder is written to a fresh, exclusively created
 *   file with an unpredictable name, which is then hard-linked to the lock's
 *   name (`link(2)` fails if the name exists: exactly one winner).
 * - A lock is live while its engine — pid and start time — or the shell of
 *   the step it ran last is alive; otherwise it is stale. Nothing else in a
 *   lock file is believed, no path in it is opened, and the holder is named
 *   after the file's owner.
 * - Taking over a stale lock: the taker links its file to `<lock>.takeover`
 *   (one winner), checks that the lock is still the same inode it judged
 *   stale, and renames its file over it. A takeover left half-done by a dead
 *   engine is reported, naming its owner, until `--force`.
 * - `--force` replaces whatever holds the lock.
 */
import { closeSync, linkSync, renameSync, unlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { FailedError } from '../errors.js';
import type { ProcessRunner } from '../process/runner.js';
import { lockDir, trustedLockDir } from './lock-dir.js';
import { createOpenTemp, inodeAt, inspectLock, removeQuietly, rewriteOpen, type Inspected, type LockBody } from './lock-file.js';
import { ownStart, processStart, sameProcessAlive, userName } from './lock-liveness.js';

export { lockDir } from './lock-dir.js';

export interface Lock {
  file: string;
  /** Records the shell of the step that starts now: the lock stays live while it runs, even if the engine dies. */
  stepStarted(pid: number): void;
  release(): void;
}

export interface AcquireOptions {
  env: NodeJS.ProcessEnv;
  runbookId: string;
  envName: string | undefined;
  runId: string;
  /** ISO time the run started. */
  since: string;
  force: boolean;
  /** Resume of this run: its own lock is taken over once its engine is gone, even while the old step runs (resume waits for it). */
  sameRun?: string;
}

export function lockFile(dir: string, runbookId: string, env: string | undefined): string {
  const safe = (s: string) => s.toLowerCase().replace(/[^a-z0-9._-]+/g, '_');
  return join(dir, `${safe(runbookId)}--${safe(env ?? 'default')}.lock`);
}

/** Is this lock held by a live run? A file that holds no valid lock (garbage, a link, a FIFO) is not. */
export function isLive(seen: Inspected, sameRun?: string, host = hostname()): boolean {
  const body = seen.body;
  if (!body) return false;
  if (body.host !== host) return true; // another machine (shared mount): cannot tell, never assume
  if (sameProcessAlive(body.pid, body.start)) return true;
  if (sameRun !== undefined && body.runId === sameRun) return false;
  return body.step !== undefined && sameProcessAlive(body.step.pid, body.step.start);
}

function errno(error: unknown): string {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : String(error);
}

function lockedBy(seen: Inspected | undefined): FailedError {
  const body = seen?.body;
  return new FailedError('error.locked', {
    user: seen ? userName(seen.uid) : '?',
    host: body?.host ?? '?',
    pid: body?.pid ?? '?',
    since: body?.since ?? seen?.mtime.toISOString() ?? '?',
    runId: body?.runId ?? '?',
  });
}

/** Claims the right to replace `file`: exactly one taker at a time. Returns the claim's path. */
function claimTakeover(file: string, temp: string, force: boolean): string {
  const claim = `${file}.takeover`;
  for (let round = 0; round < 3; round++) {
    try {
      linkSync(temp, claim);
      return claim;
    } catch (error) {
      if (errno(error) !== 'EEXIST') throw new FailedError('error.lockUnwritable', { file: claim, reason: errno(error) }, { cause: error });
    }
    const other = inspectLock(claim);
    if (!other) continue; // its taker just finished
    if (other.body && sameProcessAlive(other.body.pid, other.body.start)) throw lockedBy(other);
    if (!force) throw new FailedError('error.lockTakeoverStuck', { file: claim, owner: userName(other.uid) });
    try {
      unlinkSync(claim);
    } catch (error) {
      throw new FailedError('error.lockForeign', { file: claim, owner: userName(other.uid) }, { cause: error });
    }
  }
  throw lockedBy(inspectLock(file));
}

/**
 * The lock as its holder keeps it: the file it created stays open, and each step's shell is
 * written into it in place (one write, no new file and no rename: a rename over the lock costs
 * a flush of the new file's data on ext4, ≈4 ms a step here). It is written only while the name
 * still holds that file (a `--force` takeover replaces it, and then it is not ours any more).
 */
function held(file: string, body: LockBody, made: { ino: bigint; fd: number }): Lock {
  let open: number | undefined = made.fd;
  const close = () => {
    if (open === undefined) return;
    try {
      closeSync(open);
    } catch {
      // already closed
    }
    open = undefined;
  };
  return {
    file,
    stepStarted(pid) {
      if (open === undefined) return;
      try {
        const start = processStart(pid);
        if (inodeAt(file) === made.ino) rewriteOpen(open, { ...body, step: { pid, ...(start !== undefined && { start }) } });
        else close(); // taken over by --force: not ours to write any more
      } catch {
        // the lock still names the engine; only the step's liveness is not recorded
      }
    },
    release() {
      close();
      if (inodeAt(file) === made.ino) removeQuietly(file);
    },
  };
}

export function acquireLock(options: AcquireOptions): Lock {
  const dir = lockDir(options.env);
  trustedLockDir(dir);
  const file = lockFile(dir, options.runbookId, options.envName);
  const start = ownStart();
  const body: LockBody = { pid: process.pid, ...(start !== undefined && { start }), host: hostname(), since: options.since, runId: options.runId };
  let temp: { path: string; ino: bigint; fd: number };
  try {
    temp = createOpenTemp(file, body);
  } catch (error) {
    throw new FailedError('error.lockUnwritable', { file, reason: errno(error) }, { cause: error });
  }
  let kept = false;
  try {
    for (let round = 0; round < 5; round++) {
      try {
        linkSync(temp.path, file);
        kept = true;
        return held(file, body, temp);
      } catch (error) {
        if (errno(error) !== 'EEXIST') throw new FailedError('error.lockUnwritable', { file, reason: errno(error) }, { cause: error });
      }
      const seen = inspectLock(file);
      if (!seen) continue; // released meanwhile
      if (!options.force && isLive(seen, options.sameRun)) throw lockedBy(seen);
      const claim = claimTakeover(file, temp.path, options.force);
      try {
        if (inodeAt(file) !== seen.ino) continue; // someone else took it meanwhile: look again
        try {
          renameSync(temp.path, file);
        } catch (error) {
          if (errno(error) === 'EPERM' || errno(error) === 'EACCES') throw new FailedError('error.lockForeign', { file, owner: userName(seen.uid) }, { cause: error });
          throw new FailedError('error.lockUnwritable', { file, reason: errno(error) }, { cause: error });
        }
        if (inodeAt(file) !== temp.ino) throw lockedBy(inspectLock(file));
        kept = true;
        return held(file, body, temp);
      } finally {
        if (inodeAt(claim) === temp.ino) removeQuietly(claim);
      }
    }
    throw lockedBy(inspectLock(file));
  } finally {
    if (inodeAt(temp.path) === temp.ino) removeQuietly(temp.path);
    if (!kept) closeSync(temp.fd);
  }
}

/** The run's runner, telling the lock about each step's shell as it starts. */
export function lockedRunner(runner: ProcessRunner, lock: Lock | undefined): ProcessRunner {
  if (!lock) return runner;
  return {
    run(request) {
      const onStart = request.onStart;
      return runner.run({
        ...request,
        onStart(pid) {
          onStart?.(pid); // the journal first, as without a lock
          if (pid !== undefined) lock.stepStarted(pid);
        },
      });
    },
  };
}
