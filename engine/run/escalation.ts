/** SOP-004: a run still open past `escalation.after` is reminded, once, of whom to escalate to. */
import type { RunSession } from './session.js';

export function maybeEscalate(session: RunSession): void {
  const escalation = session.graph.runbook.frontMatter.escalation;
  if (!escalation?.afterMs || session.escalated || session.mode === 'dry-run') return;
  if (session.now() - session.startedAt < escalation.afterMs) return;
  session.escalated = true;
  session.ui.warn(session.t('run.escalate', { after: escalation.after ?? '', contacts: escalation.contacts.join(', ') || '—' }));
  session.journal.append({ type: 'escalation', afterMs: escalation.afterMs, contacts: escalation.contacts });
}
