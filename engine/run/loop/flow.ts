/**
 * The normal flow from start to end, then — after a failure or an abort,
 * and only if a destructive step has run — the rollback path in document
 * order. A stop from outside (SIGINT, SIGTERM; for an attended run also a
 * lost terminal) ends the flow after the step it interrupted, resumable.
 * Ctrl+C at a prompt is the operator's Abort: the rollback question follows
 * (Enter rolls back); a second Ctrl+C leaves the run resumable instead.
 */
import { AbortedError } from '../../errors.js';
import type { ContextBlock } from '../../model.js';
import { reason, type Reason, type RunStatus, type StepStatus } from '../../journal/events.js';
import { stepOf, stopAfterStep, type RunContext } from '../context.js';
import { notChosen } from './alternatives.js';
import { blockedRollback } from './dependencies.js';
import { decide, finishWithout, type StepEnd } from './record.js';
import { playStep } from './step.js';

/** Steps that ended for good; a failed or interrupted one (a stopped run, resumed) is played again. */
export const ENDED: ReadonlySet<StepStatus> = new Set(['succeeded', 'recovered', 'skipped', 'done', 'not-confirmed', 'dry-run']);

export type FlowResult = { status: RunStatus; reason?: Reason } | { stopped: string; after?: string };

/** Ctrl+C at a prompt (inquirer's exit) is the operator's Abort; a stop signal at a prompt is a stop. */
function promptEnd(error: unknown): 'abort' | { stopped: string } | undefined {
  if (!(error instanceof AbortedError)) return undefined;
  if (error.key === 'run.abortedAtPrompt') return 'abort';
  if (error.key === 'run.stoppedAtPrompt') return { stopped: String(error.vars.signal ?? 'SIGINT') };
  return undefined;
}

export async function playFlow(ctx: RunContext, plan: readonly string[]): Promise<FlowResult> {
  const { graph } = ctx;
  const total = graph.flow.length;
  const planned = new Set(plan);
  let section = -1;
  let end: StepEnd = 'continue';
  for (const [n, id] of graph.flow.entries()) {
    const before = ctx.journal.state.flowStatus.get(id);
    if (before !== undefined && ENDED.has(before)) continue; // finished before (resume), or run when a later step needed it
    const stopped = stopAfterStep(ctx);
    if (stopped !== undefined) return { stopped };
    const step = stepOf(ctx, id);
    if (!planned.has(id)) {
      finishWithout(ctx, step, 'skipped', 'flow', { reason: reason('reason.notSelected') });
      continue;
    }
    try {
      // An option of a group of alternative sections that was not chosen (asked when the group's first step comes).
      const other = await notChosen(ctx, step, planned);
      if (other) {
        finishWithout(ctx, step, 'skipped', 'flow', { reason: other });
        continue;
      }
      if (step.section !== section) {
        section = step.section;
        const s = graph.runbook.sections[section];
        if (s) ctx.ui.section(s, sectionSamples(graph.runbook.context, section));
      }
      end = await playStep(ctx, step, `${n + 1}/${total}`);
    } catch (error) {
      const at = promptEnd(error);
      if (at === undefined) throw error;
      if (at !== 'abort') return at;
      decide(ctx, 'abort', step, { reason: reason('reason.ctrlCAtPrompt') });
      end = 'abort';
    }
    if (end !== 'continue') break;
    const after = stopAfterStep(ctx);
    if (after !== undefined) return { stopped: after, after: id };
  }
  if (end === 'continue') {
    const stopped = stopAfterStep(ctx);
    return stopped !== undefined ? { stopped } : { status: 'succeeded' };
  }
  const stopped = stopAfterStep(ctx);
  if (stopped !== undefined) return { stopped };
  let rollBack: boolean;
  try {
    rollBack = await shouldRollBack(ctx, end);
  } catch (error) {
    const at = promptEnd(error);
    if (at === undefined) throw error;
    return at === 'abort' ? { stopped: 'SIGINT' } : at; // a second Ctrl+C: resumable, nothing rolled back
  }
  if (!rollBack) return end === 'failed' ? { status: 'failed' } : { status: 'aborted', reason: reason('reason.abortedByOperator') };
  const rolledBack = await runRollback(ctx);
  if (rolledBack !== 'continue') return typeof rolledBack === 'object' ? rolledBack : { status: 'failed', reason: reason('reason.rollbackFailed') };
  // A rollback path whose every step was skipped (by its `if`, a missing safety step, or the operator) restored nothing: never "rolled back".
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

async function runRollback(ctx: RunContext): Promise<'continue' | 'failed' | { stopped: string }> {
  ctx.ui.line();
  ctx.ui.warn(ctx.t('run.rollbackStart', { count: ctx.graph.rollback.length }));
  for (const [n, id] of ctx.graph.rollback.entries()) {
    const step = stepOf(ctx, id);
    const position = `R${n + 1}/${ctx.graph.rollback.length}`;
    // A rollback step that relies on a safety step that never ran cannot restore anything: said, and passed over.
    const blocked = blockedRollback(ctx, step);
    if (blocked) {
      ctx.ui.step(step, position, ctx.t('phase.rollback'));
      ctx.ui.result('skip', ctx.t(blocked.key, blocked.data));
      finishWithout(ctx, step, 'skipped', 'rollback', { reason: blocked });
      continue;
    }
    let end: StepEnd;
    try {
      end = await playStep(ctx, step, position, 'rollback');
    } catch (error) {
      const at = promptEnd(error);
      if (at === undefined) throw error;
      return at === 'abort' ? 'failed' : at;
    }
    const stopped = stopAfterStep(ctx);
    if (stopped !== undefined) return { stopped };
    if (end !== 'continue') return 'failed';
  }
  return 'continue';
}

/** The context blocks of a section that follow no step, by section, built once per runbook (not a scan of all of them per section). */
const bySection = new WeakMap<readonly ContextBlock[], Map<number, ContextBlock[]>>();

function sectionSamples(context: readonly ContextBlock[], section: number): ContextBlock[] {
  let index = bySection.get(context);
  if (!index) {
    index = new Map();
    for (const c of context) {
      if (c.afterStep !== undefined) continue;
      const list = index.get(c.section);
      if (list) list.push(c);
      else index.set(c.section, [c]);
    }
    bySection.set(context, index);
  }
  return index.get(section) ?? [];
}
