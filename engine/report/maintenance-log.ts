/**
 * The maintenance log (bitácora) as the manuals keep it — Fecha · Actividad
 * · Responsable · Resultado · Observaciones — one row per run, read from
 * the journals. This is also the JSON shape of `runbook log --json`, and
 * `runRow` cuts it down to a line of `runbook runs`.
 */
import { join } from 'node:path';
import type { JournalEvent, RunFinishedEvent, RunStartedEvent, StepFinishedEvent } from '../run/events.js';
import { readJournal } from '../run/journal-read.js';
import { JOURNAL_FILE, listRunIds, runDir } from '../run/state-dir.js';

export interface LogRow {
  runId: string;
  /** When the run started, ISO 8601 UTC. */
  startedAt: string;
  runbook: string;
  title: string;
  operator: string;
  host: string;
  env: string | null;
  mode: RunStartedEvent['mode'];
  status: RunFinishedEvent['status'] | 'unfinished';
  durationMs: number | null;
  /** Operator notes, in order. */
  notes: { step: string | null; text: string }[];
  /** The step that failed (or was interrupted) in a run that did not succeed — the last in the normal flow, else the last handler or rollback step — else null. */
  failure: { step: string; exitCode: number | null; reason: string | null } | null;
  /** Why the run ended, as the engine said it (aborted, rolled back…), else null. */
  reason: string | null;
  /** Resumed after the engine stopped (crash, kill -9). */
  resumed: boolean;
  /** Still open when the runbook's escalation time was reached. */
  escalated: boolean;
}

export function logRow(runId: string, events: JournalEvent[]): LogRow | undefined {
  const started = events.find((e): e is RunStartedEvent => e.type === 'run-started');
  if (!started) return undefined;
  const finished = [...events].reverse().find((e): e is RunFinishedEvent => e.type === 'run-finished');
  const status = finished?.status ?? 'unfinished';
  const broken = events.filter((e): e is StepFinishedEvent => e.type === 'step-finished' && (e.status === 'failed' || e.status === 'interrupted')).reverse();
  const failed = broken.find((e) => e.phase === 'flow') ?? broken[0];
  return {
    runId,
    startedAt: started.at,
    runbook: started.runbook.id,
    title: started.runbook.title,
    operator: started.operator,
    host: started.host,
    env: started.env ?? null,
    mode: started.mode,
    status,
    durationMs: finished?.durationMs ?? null,
    notes: events.flatMap((e) => (e.type === 'note' ? [{ step: e.step ?? null, text: e.text }] : [])),
    failure: status !== 'succeeded' && failed ? { step: failed.step, exitCode: failed.exitCode ?? null, reason: failed.reason ?? null } : null,
    reason: finished?.reason ?? null,
    resumed: events.some((e) => e.type === 'resumed'),
    escalated: events.some((e) => e.type === 'escalation'),
  };
}

/** A line of `runbook runs`: the log row without host, notes and outcome details (same names). */
export interface RunRow {
  runId: string;
  runbook: string;
  title: string;
  operator: string;
  env: string | null;
  mode: LogRow['mode'];
  /** ISO 8601 UTC. */
  startedAt: string;
  durationMs: number | null;
  status: LogRow['status'];
}

export function runRow(row: LogRow): RunRow {
  const { runId, runbook, title, operator, env, mode, startedAt, durationMs, status } = row;
  return { runId, runbook, title, operator, env, mode, startedAt, durationMs, status };
}

/** Every run under the state directory, oldest first; unreadable journals are left out. */
export function maintenanceLog(stateDir: string, filter: { since?: number; runbook?: string } = {}): LogRow[] {
  const rows: LogRow[] = [];
  for (const id of listRunIds(stateDir)) {
    let events: JournalEvent[];
    try {
      events = readJournal(join(runDir(stateDir, id), JOURNAL_FILE)).events;
    } catch {
      continue;
    }
    const row = logRow(id, events);
    if (!row) continue;
    if (filter.since !== undefined && Date.parse(row.startedAt) < filter.since) continue;
    if (filter.runbook !== undefined && row.runbook.toLowerCase() !== filter.runbook.toLowerCase()) continue;
    rows.push(row);
  }
  return rows;
}
