/**
 * The maintenance log (bitácora) as the manuals keep it — Fecha · Actividad
 * · Responsable · Resultado · Observaciones — one row per run, read from
 * the journals. This is also the JSON shape of `runbook log --json`;
 * `run-list.ts` makes the lines of `runbook runs` from it.
 */
import { join } from 'node:path';
import type { Translate } from '../i18n/translate.js';
import { confirmationOf, type Confirmation, type DecisionEvent, type ReasonData, type RunFinishedEvent, type RunStartedEvent } from '../journal/events.js';
import { foldEvents, type AttemptRecord, type RunState } from '../journal/fold.js';
import { JOURNAL_FILE, listRunIds, runDir } from '../journal/layout.js';
import { inspectJournal } from '../journal/inspect.js';
import type { Failure } from '../i18n/failure.js';
import { renderReason, type RenderedReason } from './reason.js';
import { attemptFailure } from './steps.js';

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
  /** `stopped`: a signal or a lost terminal stopped it, resumable; `unfinished`: its engine died (or still runs). */
  status: RunFinishedEvent['status'] | 'stopped' | 'unfinished';
  durationMs: number | null;
  /** How each destructive step was confirmed or refused, in order (`--confirm-env` under `--yes` is a typed one without a step). */
  confirmations: { step: string | null; choice: 'confirmed' | 'refused'; confirmation: Confirmation; automatic: boolean }[];
  /** Operator notes, in order. */
  notes: { step: string | null; text: string }[];
  /** The step that failed (or was interrupted) in a run that did not succeed — the last in the normal flow, else the last handler or rollback step — else null. */
  failure: ({ step: string; timedOut: boolean } & Failure & NullableReason) | null;
  /** Why the run ended (aborted, rolled back…): the message id, its data and the sentence in the requested language; null when none. */
  reasonId: string | null;
  data: ReasonData | null;
  reason: string | null;
  /** Resumed after the engine stopped (crash, kill -9). */
  resumed: boolean;
  /** Still open when the runbook's escalation time was reached. */
  escalated: boolean;
}

interface NullableReason {
  reasonId: string | null;
  data: ReasonData | null;
  reason: string | null;
}

function nullable(r: RenderedReason): NullableReason {
  return { reasonId: r.reasonId ?? null, data: r.data ?? null, reason: r.reason ?? null };
}

/** A `confirmed`/`refused` decision, with how it was taken. */
function confirmation(d: DecisionEvent): LogRow['confirmations'] {
  const kind = confirmationOf(d);
  if (!kind || (d.choice !== 'confirmed' && d.choice !== 'refused')) return [];
  return [{ step: d.step ?? null, choice: d.choice, confirmation: kind, automatic: d.automatic }];
}

export function logRow(runId: string, state: RunState, t: Translate): LogRow | undefined {
  const { started, finished } = state;
  if (!started) return undefined;
  const status = finished?.status ?? (state.stopped ? 'stopped' : 'unfinished');
  let failed: AttemptRecord | undefined;
  for (let i = state.records.length - 1; i >= 0; i--) {
    const r = state.records[i];
    if (!r || (r.status !== 'failed' && r.status !== 'interrupted')) continue;
    if (r.phase === 'flow') {
      failed = r;
      break;
    }
    failed ??= r;
  }
  const how = failed && attemptFailure(failed);
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
    confirmations: state.decisions.flatMap((d) => confirmation(d)),
    notes: state.notes.map((e) => ({ step: e.step ?? null, text: e.text })),
    failure:
      status !== 'succeeded' && failed && how
        ? { step: failed.id, timedOut: failed.timedOut === true, ...how, ...nullable(renderReason(t, failed.reason, failed.text)) }
        : null,
    ...nullable(renderReason(t, finished?.reason ?? state.stopped?.reason)),
    resumed: state.resumed.length > 0,
    escalated: state.escalation !== undefined,
  };
}

/** Every run under the state directory, oldest first (the order a maintenance log is kept in); runs whose journal is damaged or empty are left out and passed to `onLeftOut` (`runbook runs` lists them). */
export function maintenanceLog(stateDir: string, t: Translate, filter: { since?: number; runbook?: string } = {}, onLeftOut: (runId: string) => void = () => undefined): LogRow[] {
  const rows: LogRow[] = [];
  for (const id of listRunIds(stateDir)) {
    const journal = inspectJournal(join(runDir(stateDir, id), JOURNAL_FILE));
    const row = journal.damage || journal.empty ? undefined : logRow(id, foldEvents(journal.events), t);
    if (!row) {
      onLeftOut(id);
      continue;
    }
    if (!row) continue;
    if (filter.since !== undefined && Date.parse(row.startedAt) < filter.since) continue;
    if (filter.runbook !== undefined && row.runbook.toLowerCase() !== filter.runbook.toLowerCase()) continue;
    rows.push(row);
  }
  return rows;
}
