/** One line per run, read from the journals: what `runbook runs` lists. */
import { join } from 'node:path';
import type { RunMode, RunStatus } from './events.js';
import { readJournal } from './journal-read.js';
import { JOURNAL_FILE, listRunIds, runDir } from './state-dir.js';

/** Field names as in `runbook log` and the report: `runId`, `startedAt`, `status`. */
export interface RunRow {
  runId: string;
  runbook: string;
  title: string;
  operator: string;
  env: string | null;
  mode: RunMode;
  /** ISO 8601 UTC. */
  startedAt: string;
  durationMs: number | null;
  status: RunStatus | 'unfinished';
}

export function listRuns(stateDir: string): RunRow[] {
  const rows: RunRow[] = [];
  for (const id of listRunIds(stateDir)) {
    let events;
    try {
      events = readJournal(join(runDir(stateDir, id), JOURNAL_FILE)).events;
    } catch {
      continue;
    }
    const started = events.find((e) => e.type === 'run-started');
    if (!started || started.type !== 'run-started') continue;
    const finished = [...events].reverse().find((e) => e.type === 'run-finished');
    rows.push({
      runId: id,
      runbook: started.runbook.id,
      title: started.runbook.title,
      operator: started.operator,
      env: started.env ?? null,
      mode: started.mode,
      startedAt: started.at,
      durationMs: finished && finished.type === 'run-finished' ? finished.durationMs : null,
      status: finished && finished.type === 'run-finished' ? finished.status : 'unfinished',
    });
  }
  return rows;
}
