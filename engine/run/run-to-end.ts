/**
 * What `play` and `resume` do once the run's journal is open: the checks
 * before the first step, the flow, and the end — `run-finished` journaled
 * whatever happened (a failed check, an abort, an error), the lock released.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AbortedError, FailedError, PausedError, RunbookError } from '../errors.js';
import { reason, type Reason } from '../journal/events.js';
import { STEPS_DIR } from '../journal/layout.js';
import { JournalWriteError } from '../journal/write.js';
import type { RunContext } from './context.js';
import { finishRun, type RunSummary } from './finish.js';
import type { Lock } from './lock.js';
import { playFlow } from './loop/flow.js';
import { checkRequirements } from './preflight/check-requirements.js';
import { runPreconditions, type ProgressRenderer } from './preflight/preconditions.js';

/** Creates the run directory; a `fresh` one must not exist yet (a new run never shares another's journal). */
export function ensureRunDir(dir: string, how: { fresh?: boolean } = {}): void {
  try {
    if (how.fresh) {
      mkdirSync(dirname(dir), { recursive: true, mode: 0o700 });
      mkdirSync(dir, { mode: 0o700 });
    }
    mkdirSync(join(dir, STEPS_DIR), { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new FailedError('error.stateDirUnwritable', { dir, reason: error instanceof Error && 'code' in error ? String(error.code) : String(error) }, { cause: error });
  }
}

export interface RunToEnd {
  plan: readonly string[];
  /** Run `requires` and preconditions first (a fresh run, not a resumed one). */
  preflight: boolean;
  progress: ProgressRenderer;
  /** Work before the flow (resume settles the interrupted step here). */
  before?: () => Promise<void>;
}

export async function runToEnd(ctx: RunContext, lock: Lock | undefined, how: RunToEnd): Promise<RunSummary> {
  try {
    if (how.preflight) {
      checkRequirements(ctx);
      await runPreconditions(ctx, how.progress);
    }
    await how.before?.();
    const result = await playFlow(ctx, how.plan);
    return finishRun(ctx, lock, result);
  } catch (error) {
    if (error instanceof PausedError || error instanceof JournalWriteError) {
      // Not finished: `resume` goes on from here once the missing value is given (or the disk has room again).
      ctx.journal.close();
      lock?.release();
      ctx.ui.warn(ctx.t('run.pausedResumable', { runId: ctx.runId }));
      throw error;
    }
    finishRun(ctx, lock, { status: error instanceof AbortedError ? 'aborted' : 'failed', reason: reasonOf(error) });
    throw error;
  }
}

/** A thrown error as a journal reason: its message key and values, or (a bug) its English text. */
export function reasonOf(error: unknown): Reason {
  if (error instanceof RunbookError) return { key: error.key, data: error.vars };
  return reason('reason.internalError', { message: error instanceof Error ? error.message : String(error) });
}
