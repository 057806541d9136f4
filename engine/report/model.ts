/**
 * A run's journal (plus step log excerpts) → the facts of its incident
 * report, as plain data in the report's language. This is also the JSON
 * format of `runbook report --format json`, where each reason is given as
 * `reasonId` + `data` (stable) and `reason` (the sentence). Times stay
 * ISO 8601 UTC here; the view localizes them. The journal is the only input.
 */
import { LoadError } from '../errors.js';
import type { Translate } from '../i18n/translate.js';
import { confirmationOf, type DecisionEvent, type PreflightEvent, type ResumedEvent, type RunFinishedEvent, type RunStartedEvent } from '../journal/events.js';
import type { LoadedRun } from '../journal/load.js';
import { MASK } from '../model.js';
import { buildIncident, type Incident } from './incident.js';
import { leftBehind, type LeftBehind } from './left-behind.js';
import { missingText, renderReason, type RenderedReason } from './reason.js';
import { collectSteps, type StepRecord } from './steps.js';
import { byCodeUnit } from '../order.js';

export type { StepRecord } from './steps.js';
export type { Incident, TriedAction } from './incident.js';
export type { LeftBehind, LeftItem } from './left-behind.js';

export type DecisionRecord = Omit<DecisionEvent, 'type' | 'seq' | 'reason' | 'text'> & RenderedReason;

export interface ReportModel extends RenderedReason {
  runId: string;
  mode: RunStartedEvent['mode'];
  status: RunFinishedEvent['status'] | 'unfinished';
  runbook: RunStartedEvent['runbook'];
  git?: RunStartedEvent['git'];
  env?: string;
  protectedEnv: boolean;
  operator: string;
  host: string;
  /** False for `--yes` runs (no operator at a terminal). */
  interactive: boolean;
  engineVersion: string;
  startedAt: string;
  endedAt?: string;
  durationMs?: number;
  /** Param values as the run used them; secret ones always `••••••`. */
  params: { name: string; value: string; secret: boolean }[];
  preflight: Omit<PreflightEvent, 'type' | 'seq' | 'missing'>[];
  /** Every attempt of every step, in the order they ran. */
  steps: StepRecord[];
  decisions: DecisionRecord[];
  notes: { at: string; step?: string; text: string }[];
  /** Values captured from step output, in the order they were captured; secret ones always `••••••`. */
  captures: { at: string; step: string; name: string; value: string; secret: boolean }[];
  /** The runbook's escalation rule and, when the run stayed open past it, when the reminder was given. */
  escalation?: { after?: string; contacts: string[]; remindedAt?: string };
  resumed: Omit<ResumedEvent, 'type' | 'seq'>[];
  /** For failed, aborted and rolled-back runs: what an escalation ticket needs. */
  incident?: Incident;
  /** Attempts that were stopped before they finished (Ctrl+C, a signal, the engine stopping), with what the run did next. */
  interrupted: { step: string; phase: StepRecord['phase']; attempt: number; at: string; durationMs: number; resumed: boolean }[];
  /** When the run ended badly (failed, aborted, rolled back, unfinished): what is still stopped, changed or unverified. */
  leftBehind?: LeftBehind;
}

/** `checks`: the steps with an `expect` block or `wait` (`checkSteps`), for "state left behind". */
export function buildReportModel(run: LoadedRun, t: Translate, checks: ReadonlySet<string> = new Set()): ReportModel {
  const { state, runDir } = run;
  const started = state.started;
  if (!started) throw new LoadError('error.journalNoStart', { dir: runDir });
  const finished = state.finished;
  const steps = collectSteps(state.records, started.steps, runDir, t);
  const decisions = state.decisions.map((d): DecisionRecord => {
    const { type: _type, seq: _seq, reason, text, ...rest } = d;
    const confirmation = confirmationOf(d);
    return { ...rest, ...renderReason(t, reason, text), ...(confirmation && { confirmation }) };
  });
  const status = finished?.status ?? 'unfinished';
  const secret = new Set(started.secretParams);
  const reminder = state.escalation;
  const rule = started.escalation ?? (reminder ? { contacts: reminder.contacts } : undefined);
  const incident = buildIncident(status, steps, decisions);
  const left = leftBehind(state, checks);
  const interrupted = steps
    .filter((s) => s.status === 'interrupted')
    .map((s) => ({ step: s.id, phase: s.phase, attempt: s.attempt, at: s.startedAt, durationMs: s.durationMs, resumed: state.resumed.some((r) => Date.parse(r.at) >= Date.parse(s.startedAt)) }));
  return {
    runId: started.runId,
    mode: started.mode,
    status,
    ...renderReason(t, finished?.reason),
    runbook: started.runbook,
    ...(started.git && { git: started.git }),
    ...(started.env !== undefined && { env: started.env }),
    protectedEnv: started.protectedEnv,
    operator: started.operator,
    host: started.host,
    interactive: started.interactive,
    engineVersion: started.engineVersion,
    startedAt: started.at,
    ...(finished && { endedAt: finished.at, durationMs: finished.durationMs }),
    params: Object.entries(started.params).map(([name, value]) => ({ name, value: secret.has(name) ? MASK : value, secret: secret.has(name) })),
    preflight: state.preflight.map(({ type: _type, seq: _seq, missing, ...rest }) => ({ ...rest, ...(missing && { detail: missingText(t, missing) }) })),
    steps,
    decisions,
    notes: state.notes.map((e) => ({ at: e.at, ...(e.step !== undefined && { step: e.step }), text: e.text })),
    captures: [...state.variables.values()].sort((a, b) => byCodeUnit(a.at, b.at)).map((v) => ({ at: v.at, step: v.step, name: v.name, value: v.secret ? MASK : (v.value ?? ''), secret: v.secret })),
    ...(rule && { escalation: { ...(rule.after !== undefined && { after: rule.after }), contacts: rule.contacts, ...(reminder && { remindedAt: reminder.at }) } }),
    resumed: state.resumed.map(({ type: _type, seq: _seq, ...rest }) => rest),
    ...(incident && { incident }),
    interrupted,
    ...(left && { leftBehind: left }),
  };
}
