/**
 * Journal events → one record per step attempt, in the order they ran. A
 * step still open when the engine stopped (the next event is `resumed`) was
 * interrupted; a `recovered` finish updates the failed attempt it recovers;
 * a finish with no start (left out by --from/--only, skipped on resume) gets
 * a record of its own.
 */
import type { JournalEvent, Phase, StepFinishedEvent } from '../run/events.js';
import { readExcerpt, type Excerpt } from './excerpt.js';
import type { StepInfo } from './source-info.js';

export interface StepRecord {
  id: string;
  /** The section heading the step is under, from the runbook source. */
  section?: string;
  /** A manual step's task text. */
  text?: string;
  phase: Phase;
  attempt: number;
  kind: 'command' | 'manual';
  /** The command as run (after any edit), secrets masked by the engine. */
  command?: string;
  startedAt: string;
  finishedAt?: string;
  status: StepFinishedEvent['status'] | 'running';
  exitCode?: number | null;
  signal?: string | null;
  timedOut?: boolean;
  durationMs: number;
  outputBytes: number;
  /** Step log, relative to the run directory. */
  log?: string;
  excerpt?: Excerpt;
  expectDiff?: string;
  reason?: string;
}

export function collectSteps(events: JournalEvent[], runDir: string, info: Record<string, StepInfo>): StepRecord[] {
  const steps: StepRecord[] = [];
  const open = new Map<string, StepRecord>();
  const described = (id: string) => {
    const i = info[id];
    return { ...(i?.section !== undefined && { section: i.section }), ...(i?.text !== undefined && { text: i.text }) };
  };
  for (const e of events) {
    if (e.type === 'step-started') {
      const record: StepRecord = { id: e.step, ...described(e.step), phase: e.phase, attempt: e.attempt, kind: e.kind, ...(e.command !== undefined && { command: e.command }), startedAt: e.at, status: 'running', durationMs: 0, outputBytes: 0, ...(e.log !== undefined && { log: e.log }) };
      steps.push(record);
      open.set(e.step, record);
    } else if (e.type === 'resumed') {
      for (const record of open.values()) record.status = 'interrupted';
      open.clear();
    } else if (e.type === 'step-finished') {
      const running = open.get(e.step);
      open.delete(e.step);
      if (!running && e.status === 'recovered') {
        const failed = [...steps].reverse().find((s) => s.id === e.step && s.phase === e.phase);
        if (failed) {
          failed.status = 'recovered';
          if (e.reason !== undefined) failed.reason = e.reason;
          continue;
        }
      }
      const record = running ?? unstarted(steps, e, described(e.step));
      Object.assign(record, {
        finishedAt: e.at,
        status: e.status,
        durationMs: e.durationMs,
        outputBytes: e.outputBytes,
        ...(e.exitCode !== undefined && { exitCode: e.exitCode }),
        ...(e.signal !== undefined && { signal: e.signal }),
        ...(e.timedOut !== undefined && { timedOut: e.timedOut }),
        ...(e.log !== undefined && { log: e.log }),
        ...(e.expectDiff !== undefined && { expectDiff: e.expectDiff }),
        ...(e.reason !== undefined && { reason: e.reason }),
      });
    }
  }
  for (const record of steps) {
    const excerpt = record.log === undefined ? undefined : readExcerpt(runDir, record.log);
    if (excerpt) record.excerpt = excerpt;
  }
  return steps;
}

function unstarted(steps: StepRecord[], e: StepFinishedEvent, described: Partial<StepRecord>): StepRecord {
  const before = steps.find((s) => s.id === e.step);
  const kind = before?.kind ?? (described.text !== undefined ? 'manual' : 'command');
  const record: StepRecord = { id: e.step, ...described, phase: e.phase, attempt: e.attempt, kind, startedAt: e.at, status: e.status, durationMs: 0, outputBytes: 0 };
  steps.push(record);
  return record;
}
