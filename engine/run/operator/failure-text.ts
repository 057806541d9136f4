/** How a failed attempt is told on screen: what ended it (exit code and its usual meaning, timeout, signal, interruption). */
import type { Translate } from '../../i18n/translate.js';
import { formatDuration } from '../../parse/duration.js';

export function durationText(ms: number): string {
  return formatDuration(ms);
}

const MEANINGS: Record<number, 'exit.generalError' | 'exit.builtinMisuse' | 'exit.timedOut' | 'exit.notExecutable' | 'exit.notFound' | 'exit.sigint' | 'exit.sigkill' | 'exit.sigterm'> = {
  1: 'exit.generalError',
  2: 'exit.builtinMisuse',
  124: 'exit.timedOut',
  126: 'exit.notExecutable',
  127: 'exit.notFound',
  130: 'exit.sigint',
  137: 'exit.sigkill',
  143: 'exit.sigterm',
};

/** What an exit code usually means, in the operator's language. */
export function exitCodeMeaning(t: Translate, code: number | null, signal: string | null): string | undefined {
  if (signal) return signal;
  if (code === null) return undefined;
  const key = MEANINGS[code];
  if (key) return t(key);
  return code > 128 ? t('exit.signal', { number: code - 128 }) : undefined;
}

export function failureText(t: Translate, outcome: { status: string; exitCode: number | null; signal: string | null; durationMs: number }): string {
  const meaning = exitCodeMeaning(t, outcome.exitCode, outcome.signal);
  const key = outcome.status === 'timed-out' ? 'run.timedOut' : outcome.status === 'interrupted' ? 'run.interrupted' : 'run.failed';
  return t(key, { code: outcome.exitCode ?? '—', meaning: meaning ? ` (${meaning})` : '', duration: durationText(outcome.durationMs) });
}
