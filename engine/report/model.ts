/**
 * A run's journal (plus step log excerpts and the runbook source it carries)
 * → the facts of its incident report, as plain data. This is also the JSON
 * format of `runbook report --format json`. Times stay ISO 8601 UTC here;
 * the view localizes them.
 */
import { LoadError } from '../errors.js';
import type { Runbook } from '../model.js';
import type { DecisionEvent, JournalEvent, PreflightEvent, ResumedEvent, RunFinishedEvent, RunStartedEvent } from '../run/events.js';
import { MASK } from '../run/mask.js';
import { buildIncident, type Incident } from './incident.js';
import { sourceInfo } from './source-info.js';
import { collectSteps, type StepRecord } from './steps.js';

export type { StepRecord } from './steps.js';
export type { Incident, TriedAction } from './incident.js';

export interface ReportModel {
  runId: string;
  mode: RunStartedEvent['mode'];
  status: RunFinishedEvent['status'] | 'unfinished';
  reason?: string;
  runbook: RunStartedEvent['runbook'] & { owner?: string };
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
  preflight: Omit<PreflightEvent, 'type' | 'seq'>[];
  /** Every attempt of every step, in the order they ran. */
  steps: StepRecord[];
  decisions: Omit<DecisionEvent, 'type' | 'seq'>[];
  notes: { at: string; step?: string; text: string }[];
  /** The runbook's escalation rule (SOP-004) and, when the run stayed open past it, when the reminder was given. */
  escalation?: { after?: string; contacts: string[]; remindedAt?: string };
  resumed: Omit<ResumedEvent, 'type' | 'seq'>[];
  /** For failed, aborted and rolled-back runs: what an escalation ticket needs. */
  incident?: Incident;
}

/** @param runbook the run's parsed runbook (see `runbookOfRun`): sections, owner and escalation come from it. */
export function buildReportModel(events: JournalEvent[], runDir: string, runbook?: Runbook): ReportModel {
  const started = events.find((e): e is RunStartedEvent => e.type === 'run-started');
  if (!started) throw new LoadError('error.journalNoStart', { dir: runDir });
  const finished = [...events].reverse().find((e): e is RunFinishedEvent => e.type === 'run-finished');
  const info = sourceInfo(runbook);
  const steps = collectSteps(events, runDir, info.steps);
  const decisions = events.flatMap((e) => (e.type === 'decision' ? [strip(e)] : []));
  const status = finished?.status ?? 'unfinished';
  const secret = new Set(started.secretParams);
  const reminder = events.find((e) => e.type === 'escalation');
  const escalation = info.escalation ?? (reminder?.type === 'escalation' ? { contacts: reminder.contacts } : undefined);
  const incident = buildIncident(status, steps, decisions);
  return {
    runId: started.runId,
    mode: started.mode,
    status,
    ...(finished?.reason !== undefined && { reason: finished.reason }),
    runbook: { ...started.runbook, ...(info.owner !== undefined && { owner: info.owner }) },
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
    preflight: events.flatMap((e) => (e.type === 'preflight' ? [strip(e)] : [])),
    steps,
    decisions,
    notes: events.flatMap((e) => (e.type === 'note' ? [{ at: e.at, ...(e.step !== undefined && { step: e.step }), text: e.text }] : [])),
    ...(escalation && { escalation: { ...escalation, ...(reminder && { remindedAt: reminder.at }) } }),
    resumed: events.flatMap((e) => (e.type === 'resumed' ? [strip(e)] : [])),
    ...(incident && { incident }),
  };
}

function strip<E extends { type: string; seq: number }>(event: E): Omit<E, 'type' | 'seq'> {
  const { type: _type, seq: _seq, ...rest } = event;
  return rest;
}
