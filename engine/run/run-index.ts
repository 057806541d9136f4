/** One line per run, read from the journals: what `runbook runs` lists. */
import { join } from 'node:path';
import { readJournal } from './journal-read.js';
import { JOURNAL_FILE, listRunIds, runDir } from './state-dir.js';

export interface RunRow {
  id: string;
  runbook: string;
  title: string;
  operator: string;
  env: string | null;
  mode: string;
  started: string;
  durationMs: number | null;
  result: string;
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
      id,
      runbook: started.runbook.id,
      title: started.runbook.title,
      operator: started.operator,
      env: started.env ?? null,
      mode: started.mode,
      started: started.at,
      durationMs: finished && finished.type === 'run-finished' ? finished.durationMs : null,
      result: finished && finished.type === 'run-finished' ? finished.status : 'unfinished',
    });
  }
  return rows;
}
