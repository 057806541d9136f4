/**
 * The normal flow from start to end, then — after a failure or an abort,
 * and only if a destructive step has run — the rollback path in document
 * order. A stop from outside (a signal) ends the flow after the step it
 * interrupted.
 */
import { reason, type Reason, type RunStatus } from '../../journal/events.js';
import { stepOf, stopReason, type RunContext } from '../context.js';
import { decide, finishWithout, type StepEnd } from './record.js';
import { playStep } from './step.js';

export interface FlowResult {
  status: RunStatus;
  reason?: Reason;
}

export async function playFlow(ctx: RunContext, plan: readonly string[]): Promise<FlowResult> {
  const { graph } = ctx;
  const total = graph.flow.length;
  const planned = new Set(plan);
  let section = -1;
  let end: StepEnd = 'continue';
  for (const [n, id] of graph.flow.entries()) {
    if (ctx.journal.state.flowStatus.has(id)) continue; // finished before (resume)
    const step = stepOf(ctx, id);
    if (!planned.has(id)) {
      finishWithout(ctx, step, 'skipped', 'flow', { reason: reason('reason.notSelected') });
      continue;
    }
    if (step.section !== section) {
      section = step.section;
      const s = graph.runbook.sections[section];
      if (s) ctx.ui.section(s, graph.runbook.context.filter((c) => c.section === section && c.afterStep === undefined));
    }
    end = await playStep(ctx, step, `${n + 1}/${total}`);
    if (end !== 'continue' || ctx.stop.signal.aborted) break;
  }
  const stopped = stopReason(ctx);
  if (stopped !== undefined) return { status: 'aborted', reason: reason('reason.signal', { signal: stopped }) };
  if (end === 'continue') return { status: 'succeeded' };
  if (!(await shouldRollBack(ctx, end))) return end === 'failed' ? { status: 'failed' } : { status: 'aborted', reason: reason('reason.abortedByOperator') };
  const rolledBack = await runRollback(ctx);
  if (!rolledBack) return { status: 'failed', reason: reason('reason.rollbackFailed') };
  // A rollback path whose every step was skipped (by its `if`, or by the operator) restored nothing: never "rolled back".
  if (!ranOnRollback(ctx)) return { status: 'failed', reason: reason('reason.rollbackNothing') };
  return { status: 'rolled-back', reason: reason('reason.rolledBack') };
}

async function shouldRollBack(ctx: RunContext, end: StepEnd): Promise<boolean> {
  if (ctx.graph.rollback.length === 0 || !ctx.journal.state.destructiveRan) return false;
  if (end === 'rollback') return true;
  if (ctx.attendance.kind === 'unattended') {
    if (end === 'failed') decide(ctx, 'rollback', undefined, { reason: reason('reason.rollbackAfterFailure') });
    return end === 'failed';
  }
  const yes = await ctx.attendance.prompter.confirm(ctx.t('prompt.rollbackFirst'), true);
  decide(ctx, yes ? 'rollback' : 'abort', undefined, { reason: reason('reason.rollbackQuestion') });
  return yes;
}

function ranOnRollback(ctx: RunContext): boolean {
  return ctx.graph.rollback.some((id) => {
    const status = ctx.journal.state.lastStatus.get(id);
    return status === 'succeeded' || status === 'recovered' || status === 'done' || status === 'dry-run';
  });
}

async function runRollback(ctx: RunContext): Promise<boolean> {
  ctx.ui.line();
  ctx.ui.warn(ctx.t('run.rollbackStart', { count: ctx.graph.rollback.length }));
  for (const [n, id] of ctx.graph.rollback.entries()) {
    const end = await playStep(ctx, stepOf(ctx, id), `R${n + 1}/${ctx.graph.rollback.length}`, 'rollback');
    if (end !== 'continue') return false;
  }
  return true;
}
