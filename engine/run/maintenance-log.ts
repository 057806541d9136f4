/**
 * The maintenance log (bitácora) as the manuals keep it: one row per run —
 * date, activity (runbook id and title), who, result, and observations
 * (operator notes and a failure summary) — read from the journals.
 */
import { join } from 'node:path';
import type { JournalEvent } from './events.js';
import { readJournal } from './journal-read.js';
import { JOURNAL_FILE, listRunIds, runDir } from './state-dir.js';

export interface LogRow {
  runId: string;
  date: string;
  runbook: string;
  title: string;
  operator: string;
  env: string | null;
  mode: string;
  result: string;
  notes: string[];
  failure: string | null;
}

export function logRow(runId: string, events: JournalEvent[]): LogRow | undefined {
  const started = events.find((e) => e.type === 'run-started');
  if (!started || started.type !== 'run-started') return undefined;
  const finished = [...events].reverse().find((e) => e.type === 'run-finished');
  const failedStep = [...events].reverse().find((e) => e.type === 'step-finished' && (e.status === 'failed' || e.status === 'interrupted'));
  const result = finished && finished.type === 'run-finished' ? finished.status : 'unfinished';
  let failure: string | null = null;
  if (result !== 'succeeded' && failedStep && failedStep.type === 'step-finished') {
    failure = `${failedStep.step}: ${failedStep.reason ?? `exit ${failedStep.exitCode ?? '?'}`}`;
  } else if (result !== 'succeeded' && finished && finished.type === 'run-finished' && finished.reason) {
    failure = finished.reason;
  }
  return {
    runId,
    date: started.at,
    runbook: started.runbook.id,
    title: started.runbook.title,
    operator: started.operator,
    env: started.env ?? null,
    mode: started.mode,
    result,
    notes: events.flatMap((e) => (e.type === 'note' ? [e.step ? `${e.step}: ${e.text}` : e.text] : [])),
    failure,
  };
}

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
    if (filter.since !== undefined && Date.parse(row.date) < filter.since) continue;
    if (filter.runbook !== undefined && row.runbook.toLowerCase() !== filter.runbook.toLowerCase()) continue;
    rows.push(row);
  }
  return rows;
}
