/**
 * For a failed, aborted or rolled-back run, what an escalation ticket needs
 * (the escalation ticket): what failed, its last output, and what was already tried —
 * every attempt of the failed step, every handler and rollback action, and
 * the operator's other choices (edits, skips, the abort) in time order.
 */
import type { Failure } from '../i18n/failure.js';
import type { Choice, Confirmation, Phase, RunStatus } from '../journal/events.js';
import type { DecisionRecord } from './model.js';
import { lastLines } from './excerpt.js';
import type { StepRecord } from './steps.js';

export const LAST_OUTPUT_LINES = 20;

export interface TriedAction {
  at: string;
  /** `attempt`: a run of the failed step; `handler`/`rollback`: a recovery step; else the operator's choice. */
  action: 'attempt' | Exclude<Phase, 'flow'> | Choice;
  step?: string;
  attempt?: number;
  status?: StepRecord['status'];
  exitCode?: number | null;
  /** What ended the attempt when it failed (mismatch, exit code, timeout, signal, interruption). */
  failure?: Failure;
  /** An edited command (secrets masked) or the reason given. */
  detail?: string;
  automatic?: boolean;
  /** For `confirmed`/`refused`: typed, or the yes/no question answered. */
  confirmation?: Confirmation;
}

export interface Incident {
  /** The step that failed; absent when nothing failed (the operator aborted, or a step was interrupted). */
  failedStep?: string;
  exitCode?: number | null;
  /** How it failed: mismatch, exit code, timeout, signal. */
  failure?: Failure;
  reason?: string;
  /** The step that was interrupted, when nothing failed (the report lists interruptions in their own section). */
  interruptedStep?: string;
  /** Where the operator aborted, when the run was aborted. */
  abortedAt?: string;
  /** The last lines the failed step printed. */
  lastOutput?: string;
  /** The step log of that attempt, relative to the run directory. */
  log?: string;
  tried: TriedAction[];
}

/** Choices whose effect shows up as step records (attempts, handler and rollback runs) or that are routine. */
const SHOWN_BY_STEPS: ReadonlySet<Choice> = new Set(['run', 'done', 'note', 'retry', 'handler', 'rollback', 'rerun', 'continue']);

export function buildIncident(status: RunStatus | 'unfinished', steps: StepRecord[], decisions: DecisionRecord[]): Incident | undefined {
  if (status === 'succeeded' || status === 'unfinished') return undefined;
  const broken = (s: StepRecord) => s.status === 'failed';
  const failed = [...steps].reverse().find((s) => s.phase === 'flow' && broken(s)) ?? [...steps].reverse().find(broken);
  const interrupted = failed ? undefined : [...steps].reverse().find((s) => s.status === 'interrupted');
  const shown = failed ?? interrupted;
  const abort = [...decisions].reverse().find((d) => d.choice === 'abort');
  const tried: TriedAction[] = [
    ...steps
      .filter((s) => s.phase !== 'flow' || (failed !== undefined && s.id === failed.id && s.kind === 'command' && s.status !== 'skipped'))
      .map((s): TriedAction => ({ at: s.startedAt, action: s.phase === 'flow' ? 'attempt' : s.phase, step: s.id, attempt: s.attempt, status: s.status, ...(s.exitCode !== undefined && { exitCode: s.exitCode }), ...(s.failure && { failure: s.failure }) })),
    ...decisions
      .filter((d) => !SHOWN_BY_STEPS.has(d.choice))
      .map((d): TriedAction => {
        const detail = d.command ?? d.reason;
        return { at: d.at, action: d.choice, ...(d.step !== undefined && { step: d.step }), ...(detail !== undefined && { detail }), automatic: d.automatic, ...(d.confirmation && { confirmation: d.confirmation }) };
      }),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return {
    ...(failed && { failedStep: failed.id }),
    ...(failed?.exitCode !== undefined && { exitCode: failed.exitCode }),
    ...(failed?.failure && { failure: failed.failure }),
    ...(failed?.reason !== undefined && { reason: failed.reason }),
    ...(interrupted && { interruptedStep: interrupted.id }),
    ...(status === 'aborted' && abort?.step !== undefined && { abortedAt: abort.step }),
    ...(shown?.excerpt && { lastOutput: lastLines(shown.excerpt, LAST_OUTPUT_LINES) }),
    ...(shown?.log !== undefined && shown.excerpt && { log: shown.log }),
    tried,
  };
}
