/**
 * The journal's attempt records (`journal/fold.ts`) → the steps of the
 * report: each attempt with its section and task text (recorded when the run
 * started), its reason in the report's language, and its output excerpt.
 */
import { failureOf, type AttemptFacts, type Failure } from '../i18n/failure.js';
import type { Translate } from '../i18n/translate.js';
import type { StepRef } from '../journal/events.js';
import type { AttemptRecord } from '../journal/fold.js';
import { readExcerpt, type Excerpt } from './excerpt.js';
import { renderReason, type RenderedReason } from './reason.js';

export interface StepRecord extends Omit<AttemptRecord, 'pid' | 'pgid' | 'reason' | 'text'>, RenderedReason {
  /** The section heading the step is under. */
  section?: string;
  /** A manual step's task text. */
  text?: string;
  excerpt?: Excerpt;
  /** What ended a failed, interrupted or recovered attempt (derived from status, exit code, signal, timedOut); the view words it. */
  failure?: Failure;
}

/** The facts of an attempt for `failureKind`: a recovered attempt failed first. */
export function attemptFacts(r: AttemptRecord): AttemptFacts {
  return {
    status: r.status === 'recovered' ? 'failed' : r.status,
    ...(r.exitCode !== undefined && { exitCode: r.exitCode }),
    ...(r.signal !== undefined && { signal: r.signal }),
    ...(r.timedOut !== undefined && { timedOut: r.timedOut }),
    durationMs: r.durationMs,
    ...(r.reason && { reasonKey: r.reason.key }),
  };
}

/** The failure of an attempt, or undefined when it did not fail. */
export function attemptFailure(r: AttemptRecord): Failure | undefined {
  // A recovered step's record holds the recovery (a finish with no start): only a record that ran has failure facts.
  if (r.status === 'recovered' && r.exitCode === undefined) return undefined;
  return failureOf(attemptFacts(r));
}

export function collectSteps(records: readonly AttemptRecord[], refs: readonly StepRef[], runDir: string, t: Translate): StepRecord[] {
  const byId = new Map(refs.map((r) => [r.id, r]));
  return records.map((r) => {
    const { pid: _pid, pgid: _pgid, reason, text, id, ...rest } = r;
    const ref = byId.get(id);
    const excerpt = r.log === undefined ? undefined : readExcerpt(runDir, r.log);
    const failure = attemptFailure(r);
    return {
      id,
      ...(ref && { section: ref.section }),
      ...(ref?.kind === 'manual' && { text: ref.text }),
      ...rest,
      ...(ref && { kind: ref.kind }),
      ...renderReason(t, reason, text),
      ...(excerpt && { excerpt }),
      ...(failure && { failure }),
    };
  });
}
