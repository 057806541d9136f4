/** A run still open past the runbook's `escalation.after` is reminded, once, of whom to escalate to. */
import type { RunContext } from './context.js';
import type { LiveHint } from './operator/live-line.js';

export function maybeEscalate(ctx: RunContext): void {
  const escalation = ctx.graph.runbook.frontMatter.escalation;
  if (!escalation?.afterMs || ctx.journal.state.escalation || ctx.mode === 'dry-run') return;
  if (ctx.clock.now() - ctx.clock.startedAt < escalation.afterMs) return;
  ctx.ui.warn(ctx.t('run.escalate', { after: escalation.after ?? '', contacts: escalation.contacts.join(', ') || '—' }));
  ctx.journal.append({ type: 'escalation', afterMs: escalation.afterMs, contacts: escalation.contacts });
}

/** The reminder as the live line of a running step shows it, from the time it is due (it is journaled at the next question). */
export function escalationHint(ctx: RunContext): LiveHint | undefined {
  const escalation = ctx.graph.runbook.frontMatter.escalation;
  if (!escalation?.afterMs || ctx.journal.state.escalation || ctx.mode === 'dry-run') return undefined;
  const at = Date.now() + (ctx.clock.startedAt + escalation.afterMs - ctx.clock.now());
  return { at, text: ctx.t('run.escalateShort', { contacts: escalation.contacts.join(', ') || '—' }) };
}
