/**
 * The end of a run: `run-finished` journaled, journal closed, lock released,
 * summary shown. Or a stop: `run-stopped` journaled instead, and the run
 * stays resumable.
 */
import { reason, type Reason, type RunStatus, type StepStatus } from '../journal/events.js';
import type { RunContext } from './context.js';
import type { Lock } from './lock.js';
import { durationText } from './operator/failure-text.js';

export interface RunSummary {
  runId: string;
  runDir: string;
  /** `stopped`: not finished, resumable (a signal, a lost terminal). */
  status: RunStatus | 'stopped';
  counts: Record<StepStatus, number>;
  durationMs: number;
}

/** A stop that leaves the run resumable: the signal and when are journaled, the lock released, the way back shown. */
export function stopRun(ctx: RunContext, lock: Lock | undefined, stop: { stopped: string; after?: string }): RunSummary {
  const durationMs = ctx.clock.now() - ctx.clock.startedAt;
  try {
    ctx.journal.append({ type: 'run-stopped', signal: stop.stopped, reason: reason('reason.signal', { signal: stop.stopped }), ...(stop.after !== undefined && { after: stop.after }) });
  } finally {
    ctx.journal.close();
    lock?.release();
  }
  const counts = countStatuses(ctx);
  ctx.ui.line();
  ctx.ui.result('fail', ctx.t('run.status.stopped', { signal: stop.stopped, duration: durationText(durationMs) }));
  ctx.ui.line(ctx.t('run.resumeHint', { runId: ctx.runId }));
  ctx.ui.line(ctx.t('run.journalAt', { path: ctx.journal.file }));
  return { runId: ctx.runId, runDir: ctx.runDir, status: 'stopped', counts, durationMs };
}

function countStatuses(ctx: RunContext): Record<StepStatus, number> {
  const counts: Record<StepStatus, number> = { succeeded: 0, failed: 0, recovered: 0, skipped: 0, done: 0, 'not-confirmed': 0, 'dry-run': 0, interrupted: 0 };
  for (const status of ctx.journal.state.lastStatus.values()) counts[status] += 1;
  return counts;
}

export function finishRun(ctx: RunContext, lock: Lock | undefined, result: { status: RunStatus; reason?: Reason }): RunSummary {
  const durationMs = ctx.clock.now() - ctx.clock.startedAt;
  try {
    ctx.journal.append({ type: 'run-finished', status: result.status, durationMs, ...(result.reason !== undefined && { reason: result.reason }) });
  } finally {
    ctx.journal.close();
    lock?.release();
  }
  const counts = countStatuses(ctx);
  const { ui, t } = ctx;
  ui.line();
  const key = result.status === 'succeeded' && ctx.mode === 'dry-run' ? 'run.status.dryRunDone' : (`run.status.${result.status}` as const);
  ui.result(result.status === 'succeeded' ? 'ok' : 'fail', t(key, { duration: durationText(durationMs) }));
  ui.line(t('run.counts', { ...counts, notConfirmed: counts['not-confirmed'], dry: counts['dry-run'] }));
  if (result.reason && result.status !== 'succeeded') ui.line(`  ${t(result.reason.key, result.reason.data)}`);
  ui.line(t('run.journalAt', { path: ctx.journal.file }));
  return { runId: ctx.runId, runDir: ctx.runDir, status: result.status, counts, durationMs };
}
