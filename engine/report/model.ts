/**
 * A run's journal (and step log excerpts) → the facts of its incident
 * report, as plain data. Times stay UTC here; `format.ts` localizes them.
 */
import { join } from 'node:path';
import type { DecisionEvent, JournalEvent, RunFinishedEvent, RunStartedEvent, StepFinishedEvent, StepStartedEvent } from '../run/events.js';
import { MASK } from '../run/mask.js';
import { readExcerpt, type Excerpt } from './excerpt.js';

export interface StepRecord {
  id: string;
  phase: StepStartedEvent['phase'];
  attempt: number;
  kind: 'command' | 'manual';
  command?: string;
  startedAt: string;
  finishedAt?: string;
  status: StepFinishedEvent['status'] | 'running';
  exitCode?: number | null;
  durationMs: number;
  outputBytes: number;
  excerpt?: Excerpt;
  expectDiff?: string;
  reason?: string;
}

export interface ReportModel {
  runId: string;
  mode: RunStartedEvent['mode'];
  status: RunFinishedEvent['status'] | 'unfinished';
  reason?: string;
  runbook: RunStartedEvent['runbook'];
  git?: RunStartedEvent['git'];
  env?: string;
  protectedEnv: boolean;
  operator: string;
  host: string;
  startedAt: string;
  endedAt?: string;
  durationMs?: number;
  params: [string, string][];
  preflight: { check: string; name: string; status: string; detail?: string }[];
  /** Every attempt of every step, in the order they ran. */
  steps: StepRecord[];
  decisions: DecisionEvent[];
  notes: { at: string; step?: string; text: string }[];
  escalation?: { at: string; contacts: string[] };
  resumed: { at: string; operator: string; interrupted?: string; afterCrash: boolean }[];
  /** For failed and aborted runs: what an escalation ticket needs. */
  incident?: { failedStep?: string; lastOutput?: string; tried: string[] };
}

export function buildReportModel(events: JournalEvent[], runDir: string): ReportModel {
  const started = events.find((e): e is RunStartedEvent => e.type === 'run-started');
  if (!started) throw new Error(`no run-started event in ${runDir}`);
  const finished = [...events].reverse().find((e): e is RunFinishedEvent => e.type === 'run-finished');
  const steps: StepRecord[] = [];
  const open = new Map<string, StepRecord>();
  for (const e of events) {
    if (e.type === 'step-started') {
      const record: StepRecord = { id: e.step, phase: e.phase, attempt: e.attempt, kind: e.kind, ...(e.command !== undefined && { command: e.command }), startedAt: e.at, status: 'running', durationMs: 0, outputBytes: 0 };
      steps.push(record);
      open.set(e.step, record);
    } else if (e.type === 'resumed') {
      // The engine stopped under these steps: they never finished.
      for (const record of open.values()) record.status = 'interrupted';
      open.clear();
    } else if (e.type === 'step-finished') {
      const record = open.get(e.step) ?? pushSkipped(steps, e);
      open.delete(e.step);
      Object.assign(record, { finishedAt: e.at, status: e.status, durationMs: e.durationMs, outputBytes: e.outputBytes, ...(e.exitCode !== undefined && { exitCode: e.exitCode }), ...(e.expectDiff !== undefined && { expectDiff: e.expectDiff }), ...(e.reason !== undefined && { reason: e.reason }) });
      if (e.log) record.excerpt = readExcerpt(join(runDir, e.log));
    }
  }
  const secret = new Set(started.secretParams);
  const failed = [...steps].reverse().find((s) => s.status === 'failed' || s.status === 'interrupted');
  const status = finished?.status ?? 'unfinished';
  const escalation = events.find((e) => e.type === 'escalation');
  return {
    runId: started.runId,
    mode: started.mode,
    status,
    ...(finished?.reason !== undefined && { reason: finished.reason }),
    runbook: started.runbook,
    ...(started.git && { git: started.git }),
    ...(started.env !== undefined && { env: started.env }),
    protectedEnv: started.protectedEnv,
    operator: started.operator,
    host: started.host,
    startedAt: started.at,
    ...(finished && { endedAt: finished.at, durationMs: finished.durationMs }),
    params: Object.entries(started.params).map(([k, v]) => [k, secret.has(k) ? MASK : v]),
    preflight: events.flatMap((e) => (e.type === 'preflight' ? [{ check: e.check, name: e.name, status: e.status, ...(e.detail !== undefined && { detail: e.detail }) }] : [])),
    steps,
    decisions: events.filter((e): e is DecisionEvent => e.type === 'decision'),
    notes: events.flatMap((e) => (e.type === 'note' ? [{ at: e.at, ...(e.step !== undefined && { step: e.step }), text: e.text }] : [])),
    ...(escalation && escalation.type === 'escalation' && { escalation: { at: escalation.at, contacts: escalation.contacts } }),
    resumed: events.flatMap((e) => (e.type === 'resumed' ? [{ at: e.at, operator: e.operator, ...(e.interrupted !== undefined && { interrupted: e.interrupted }), afterCrash: e.afterCrash }] : [])),
    ...(status !== 'succeeded' && status !== 'unfinished' && {
      incident: {
        ...(failed && { failedStep: failed.id }),
        ...(failed?.excerpt && { lastOutput: failed.excerpt.tail.length > 0 ? failed.excerpt.tail : failed.excerpt.head }),
        tried: events.flatMap((e) => (e.type === 'decision' && e.step === failed?.id ? [e.choice] : [])),
      },
    }),
  };
}

function pushSkipped(steps: StepRecord[], e: StepFinishedEvent): StepRecord {
  const record: StepRecord = { id: e.step, phase: e.phase, attempt: e.attempt, kind: 'command', startedAt: e.at, status: e.status, durationMs: 0, outputBytes: 0 };
  steps.push(record);
  return record;
}
