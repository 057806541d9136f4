/**
 * What ended a failed attempt, in its own words — an expected-output
 * mismatch, an exit code (and its usual meaning), a timeout, a signal, an
 * interruption, or a shell that never started. Derived from the facts the
 * journal already holds (status, exit code, signal, `timedOut`, the reason
 * key); shared by the run's screen, the reports, `runbook log` and `--json`.
 */
import type { MessageKey } from './en.js';
import type { Translate } from './translate.js';

export type FailureKind = 'expect-mismatch' | 'exit-code' | 'timeout' | 'signal' | 'interrupted' | 'not-started';

/** The facts of one attempt, as the journal (or the runner's result) has them. */
export interface AttemptFacts {
  /** A journal status (`failed`, `interrupted`…) or the runner's (`timed-out`). */
  status: string;
  exitCode?: number | null;
  signal?: string | null;
  timedOut?: boolean;
  durationMs: number;
  /** The key of the attempt's reason, when it has one. */
  reasonKey?: string;
}

const MEANINGS: Record<number, MessageKey> = {
  1: 'exit.generalError',
  2: 'exit.builtinMisuse',
  124: 'exit.timedOut',
  126: 'exit.notExecutable',
  127: 'exit.notFound',
  130: 'exit.sigint',
  137: 'exit.sigkill',
  143: 'exit.sigterm',
};

const NOT_STARTED: ReadonlySet<string> = new Set(['reason.cwdMissing', 'reason.spawnFailed', 'reason.captureUnavailable']);
const FAILED: ReadonlySet<string> = new Set(['failed', 'timed-out', 'interrupted']);

/** What an exit code usually means, in the translator's language. */
export function exitCodeMeaning(t: Translate, code: number | null, signal: string | null): string | undefined {
  if (signal) return signal;
  if (code === null) return undefined;
  const key = MEANINGS[code];
  if (key) return t(key);
  return code > 128 ? t('exit.signal', { number: code - 128 }) : undefined;
}

/** Why the attempt failed; undefined for an attempt that did not fail (succeeded, skipped, recovered…). */
export function failureKind(facts: AttemptFacts): FailureKind | undefined {
  if (!FAILED.has(facts.status)) return undefined;
  if (facts.status === 'interrupted') return 'interrupted';
  if (facts.timedOut === true || facts.status === 'timed-out') return 'timeout';
  if (facts.signal) return 'signal';
  const code = facts.exitCode ?? null;
  // An attempt that exited 0 and still failed failed its expect check (the only test besides the exit code).
  if (code === 0) return 'expect-mismatch';
  if (code === null) return facts.reasonKey !== undefined && NOT_STARTED.has(facts.reasonKey) ? 'not-started' : 'interrupted';
  return 'exit-code';
}

/** A failure as data: the same in every language (JSON), rendered by `failureSentence`. */
export interface Failure {
  kind: FailureKind;
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
}

/** The failure of an attempt, or undefined when it did not fail. */
export function failureOf(facts: AttemptFacts): Failure | undefined {
  const kind = failureKind(facts);
  return kind === undefined ? undefined : { kind, exitCode: facts.exitCode ?? null, signal: facts.signal ?? null, durationMs: facts.durationMs };
}

/** The failure as a sentence fragment: `failed with exit code 3 (general error) after 6 min 52 s`. */
export function failureSentence(t: Translate, failure: Failure, duration: (ms: number) => string): string {
  const code = failure.exitCode;
  const after = failure.durationMs > 0 ? t('fact.after', { duration: duration(failure.durationMs) }) : '';
  switch (failure.kind) {
    case 'expect-mismatch':
      return t('fact.expectMismatch', { after });
    case 'exit-code': {
      const meaning = exitCodeMeaning(t, code, null);
      return t('fact.exitCode', { code: code ?? '—', meaning: meaning ? ` (${meaning})` : '', after });
    }
    case 'timeout':
      return t('fact.timedOut', { after });
    case 'signal':
      return t('fact.signal', { signal: failure.signal ?? '', after });
    case 'interrupted':
      return t('fact.interrupted', { after });
    case 'not-started':
      return t('fact.notStarted');
  }
}

/** `failureSentence` of an attempt's facts; undefined when the attempt did not fail. */
export function failureFact(t: Translate, facts: AttemptFacts, duration: (ms: number) => string): string | undefined {
  const failure = failureOf(facts);
  return failure && failureSentence(t, failure, duration);
}
