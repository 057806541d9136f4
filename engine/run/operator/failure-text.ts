/** How a failed attempt is told on screen: the shared failure fact (engine/i18n/failure.ts), the same words the reports and `runbook log` use. */
import { failureFact } from '../../i18n/failure.js';
import type { Translate } from '../../i18n/translate.js';
import type { Reason } from '../../journal/events.js';
import { formatDuration } from '../../parse/duration.js';

export { exitCodeMeaning } from '../../i18n/failure.js';

export function durationText(ms: number): string {
  return formatDuration(ms);
}

export function failureText(t: Translate, outcome: { status: string; exitCode: number | null; signal: string | null; durationMs: number; reason?: Reason }): string {
  const facts = { status: outcome.status === 'succeeded' ? 'failed' : outcome.status, exitCode: outcome.exitCode, signal: outcome.signal, durationMs: outcome.durationMs, ...(outcome.reason && { reasonKey: outcome.reason.key }) };
  return failureFact(t, facts, durationText) ?? t('fact.exitCode', { code: outcome.exitCode ?? '—', meaning: '', after: '' });
}
