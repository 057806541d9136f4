/** The end of a run: `run-finished` journaled, journal closed, summary shown. */
import type { RunStatus, StepStatus } from './events.js';
import type { RunSession } from './session.js';
import { durationText } from './ui.js';

export interface RunSummary {
  runId: string;
  runDir: string;
  status: RunStatus;
  counts: Record<StepStatus, number>;
  durationMs: number;
}

export function finishRun(session: RunSession, result: { status: RunStatus; reason?: string }): RunSummary {
  const durationMs = session.now() - session.startedAt;
  try {
    session.journal.append({ type: 'run-finished', status: result.status, durationMs, ...(result.reason !== undefined && { reason: result.reason }) });
  } finally {
    session.journal.close();
    session.lock?.release();
  }
  const counts = { succeeded: 0, failed: 0, recovered: 0, skipped: 0, done: 0, 'not-confirmed': 0, 'dry-run': 0, interrupted: 0 } as Record<StepStatus, number>;
  for (const status of session.statuses.values()) counts[status] += 1;
  const { ui, t } = session;
  ui.line();
  const kind = result.status === 'succeeded' ? 'ok' : 'fail';
  ui.result(kind, t(`run.status.${result.status}`, { duration: durationText(durationMs) }));
  ui.line(t('run.counts', { ...counts, notConfirmed: counts['not-confirmed'], dry: counts['dry-run'] }));
  if (result.reason && result.status !== 'succeeded') ui.line(`  ${result.reason}`);
  ui.line(t('run.journalAt', { path: `${session.runDir}/journal.jsonl` }));
  return { runId: session.runId, runDir: session.runDir, status: result.status, counts, durationMs };
}
