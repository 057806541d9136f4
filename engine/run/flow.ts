/**
 * The normal flow from start to end, then — after a failure or an abort,
 * and only if a destructive step has run — the rollback path in document order.
 */
import type { RunStatus } from './events.js';
import { decide, playStep, type StepEnd } from './play-step.js';
import type { RunSession } from './session.js';
import { stepOf } from './session.js';

export async function playFlow(session: RunSession, plan: string[]): Promise<{ status: RunStatus; reason?: string }> {
  const { graph, t } = session;
  const total = graph.flow.length;
  let section = -1;
  let end: StepEnd = 'continue';
  for (const [n, id] of graph.flow.entries()) {
    const step = stepOf(session, id);
    if (session.statuses.has(id)) continue; // finished before (resume)
    if (!plan.includes(id)) {
      session.statuses.set(id, 'skipped');
      session.journal.append({ type: 'step-finished', step: id, phase: 'flow', attempt: 0, status: 'skipped', durationMs: 0, outputBytes: 0, reason: t('run.notSelected') });
      continue;
    }
    if (step.section !== section) {
      section = step.section;
      const s = graph.runbook.sections[section];
      if (s) session.ui.section(s, graph.runbook.context.filter((c) => c.section === section));
    }
    end = await playStep(session, step, `${n + 1}/${total}`);
    if (end !== 'continue' || session.terminated) break;
  }
  if (session.terminated) return { status: 'aborted', reason: session.terminated };
  if (end === 'continue') return { status: 'succeeded' };
  const wantsRollback = await shouldRollBack(session, end);
  if (!wantsRollback) return end === 'failed' ? { status: 'failed' } : { status: 'aborted', reason: t('run.abortedByOperator') };
  const rolledBack = await runRollback(session);
  return { status: rolledBack ? 'rolled-back' : 'failed', reason: rolledBack ? t('run.rolledBack') : t('run.rollbackFailed') };
}

async function shouldRollBack(session: RunSession, end: StepEnd): Promise<boolean> {
  if (session.graph.rollback.length === 0 || !session.destructiveRan) return false;
  if (end === 'rollback') return true;
  if (session.yes) return end === 'failed';
  if (!session.prompter) return false;
  const yes = await session.prompter.confirm(session.t('prompt.rollbackFirst'), true);
  decide(session, yes ? 'rollback' : 'abort', undefined, { reason: session.t('prompt.rollbackFirst') });
  return yes;
}

async function runRollback(session: RunSession): Promise<boolean> {
  session.ui.line();
  session.ui.warn(session.t('run.rollbackStart', { count: session.graph.rollback.length }));
  for (const [n, id] of session.graph.rollback.entries()) {
    const end = await playStep(session, stepOf(session, id), `R${n + 1}/${session.graph.rollback.length}`, 'rollback');
    if (end !== 'continue') return false;
  }
  return true;
}
