/**
 * The lines of `runbook runs`: every run folder under the state directory,
 * newest first — also those whose journal is damaged (listed with the
 * reason) or empty (killed before its first event), so no run vanishes and
 * none breaks the listing of the others. A finished run whose reports are
 * missing (killed while writing them) is marked: `runbook report RUN`
 * writes them again.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Translate } from '../i18n/translate.js';
import { foldEvents } from '../journal/fold.js';
import { inspectJournal } from '../journal/inspect.js';
import { JOURNAL_FILE, listRunIds, runDir } from '../journal/layout.js';
import { logRow, type LogRow } from './maintenance-log.js';
import { byCodeUnit } from '../order.js';

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
  status: LogRow['status'] | 'damaged' | 'empty';
  /** Why the journal is damaged: the message id, its data and the sentence; null for a sound journal. */
  damage: { reasonId: string; data: Record<string, string | number>; reason: string } | null;
  /** A finished run without its report.md or report.html. */
  reportsMissing: boolean;
}

/** `20261122T184233Z-…` → `2026-11-22T18:42:33.000Z`; else the journal's mtime. */
function startedAtOf(runId: string, file: string): string {
  const m = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z/.exec(runId);
  if (m) return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.000Z`;
  try {
    return statSync(file).mtime.toISOString();
  } catch {
    return new Date(0).toISOString();
  }
}

const FINISHED: ReadonlySet<RunRow['status']> = new Set(['succeeded', 'failed', 'aborted', 'rolled-back']);

/** Newest first (by start time; the run id breaks ties). */
export function listRuns(stateDir: string, t: Translate): RunRow[] {
  const rows = listRunIds(stateDir).map((runId): RunRow => {
    const dir = runDir(stateDir, runId);
    const file = join(dir, JOURNAL_FILE);
    const journal = inspectJournal(file);
    const row = logRow(runId, foldEvents(journal.events), t);
    const damage = journal.damage ? { reasonId: journal.damage.key, data: journal.damage.data, reason: t(journal.damage.key, journal.damage.data) } : null;
    const status: RunRow['status'] = journal.empty ? 'empty' : damage ? 'damaged' : (row?.status ?? 'damaged');
    const reportsMissing = FINISHED.has(status) && !(existsSync(join(dir, 'report.md')) && existsSync(join(dir, 'report.html')));
    return {
      runId,
      runbook: row?.runbook ?? '',
      title: row?.title ?? '',
      operator: row?.operator ?? '',
      env: row?.env ?? null,
      mode: row?.mode ?? 'real',
      startedAt: row?.startedAt ?? startedAtOf(runId, file),
      durationMs: row?.durationMs ?? null,
      status,
      damage,
      reportsMissing,
    };
  });
  return rows.sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt) || byCodeUnit(b.runId, a.runId));
}
