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
import { stopReason, type RunContext } from './context.js';
import { finishRun, stopRun, type RunSummary } from './finish.js';
import type { Lock } from './lock.js';
import { leftOut } from './loop/dependencies.js';
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
  const onLost = () => terminalLost(ctx);
  if (ctx.stop.lost.aborted) onLost();
  else ctx.stop.lost.addEventListener('abort', onLost, { once: true });
  try {
    return await playToEnd(ctx, lock, how);
  } finally {
    ctx.stop.lost.removeEventListener('abort', onLost);
  }
}

async function playToEnd(ctx: RunContext, lock: Lock | undefined, how: RunToEnd): Promise<RunSummary> {
  try {
    if (ctx.attendance.kind === 'unattended' && ctx.mode !== 'dry-run') {
      // Nobody is there to run a left-out safety step or to take the risk: stop before anything runs.
      const blocked = leftOut(ctx, how.plan);
      if (blocked.length > 0) throw new FailedError('error.safetyLeftOut', { steps: blocked.join('; ') });
    }
    if (how.preflight) {
      checkRequirements(ctx);
      await runPreconditions(ctx, how.progress);
    }
    await how.before?.();
    const result = await playFlow(ctx, how.plan);
    return 'stopped' in result ? stopRun(ctx, lock, result) : finishRun(ctx, lock, result);
  } catch (error) {
    if (error instanceof PausedError || error instanceof JournalWriteError) {
      // Not finished: `resume` goes on from here once the missing value is given (or the disk has room again).
      ctx.journal.close();
      lock?.release();
      ctx.ui.warn(ctx.t('run.pausedResumable', { runId: ctx.runId }));
      throw error;
    }
    if (error instanceof AbortedError && (error.key === 'run.stoppedAtPrompt' || stopReason(ctx) !== undefined)) {
      // A stop outside the flow (a precondition, resume's questions or its wait): resumable, like a stop in the flow.
      return stopRun(ctx, lock, { stopped: error.key === 'run.stoppedAtPrompt' ? String(error.vars.signal ?? 'SIGINT') : (stopReason(ctx) ?? 'SIGINT') });
    }
    finishRun(ctx, lock, { status: error instanceof AbortedError ? 'aborted' : 'failed', reason: reasonOf(error) });
    throw error;
  }
}

/**
 * The terminal went away: an unattended run goes on to its end and says so in
 * the journal (an automatic decision); an attended one stops after the
 * running step (the flow's `run-stopped` says why).
 */
function terminalLost(ctx: RunContext): void {
  if (ctx.attendance.kind !== 'unattended') return;
  const why: unknown = ctx.stop.lost.reason;
  try {
    ctx.journal.append({ type: 'decision', choice: 'continue', automatic: true, reason: reason('reason.terminalLost', { signal: typeof why === 'string' ? why : 'SIGHUP' }) });
  } catch {
    // the journal is failing already: the run stops on its next write, resumably
  }
}

/** A thrown error as a journal reason: its message key and values, or (a bug) its English text. */
export function reasonOf(error: unknown): Reason {
  if (error instanceof RunbookError) return { key: error.key, data: error.vars };
  return reason('reason.internalError', { message: error instanceof Error ? error.message : String(error) });
}
