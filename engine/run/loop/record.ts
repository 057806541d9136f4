/** Journal helpers of the run loop: decisions, steps that end without running, attempt numbers, questions. */
import type { ContextBlock, Step } from '../../model.js';
import type { Choice, Confirmation, Phase, Reason, StepStatus } from '../../journal/events.js';
import type { RunContext } from '../context.js';
import { maybeEscalate } from '../escalation.js';
import type { Choice as Option, Prompter } from '../operator/prompter.js';

export type StepEnd = 'continue' | 'failed' | 'abort' | 'rollback';

export interface DecisionDetail {
  reason?: Reason;
  text?: string;
  command?: string;
  confirmation?: Confirmation;
}

export function decide(ctx: RunContext, choice: Choice, step: Step | undefined, detail: DecisionDetail = {}): void {
  const automatic = ctx.attendance.kind === 'unattended';
  ctx.journal.append({ type: 'decision', choice, automatic, ...(step && { step: step.id }), ...detail });
  // A rehearsal under `--yes` shows each automatic choice as a real run would take it.
  if (automatic && ctx.failAt !== undefined) ctx.ui.result('info', ctx.t('run.automaticChoice', { choice: ctx.t(`decision.${choice}`), why: detail.reason ? say(ctx, detail.reason) : '—' }));
}

/** A step that ends without a process of its own: skipped, done, not confirmed, shown in a dry run, recovered. */
export function finishWithout(ctx: RunContext, step: Step, status: StepStatus, phase: Phase, detail: { reason?: Reason; text?: string } = {}): void {
  ctx.journal.append({ type: 'step-finished', step: step.id, phase, attempt: attemptsOf(ctx, step.id), status, durationMs: 0, outputBytes: 0, ...detail });
}

export function attemptsOf(ctx: RunContext, id: string): number {
  return ctx.journal.state.attempts.get(id) ?? 0;
}

/** A choice from the operator; the escalation reminder comes first when it is due. */
export function ask<T extends string>(ctx: RunContext, prompter: Prompter, message: string, choices: Option<T>[], fallback: T): Promise<T> {
  maybeEscalate(ctx);
  return prompter.choose(message, choices, fallback);
}

export function say(ctx: RunContext, why: Reason): string {
  return ctx.t(why.key, why.data);
}

/** The context blocks written after a step in its section (its sample output, a query…): shown after it. */
export function samplesAfter(ctx: RunContext, step: Step): ContextBlock[] {
  let byStep = samplesByStep.get(ctx.graph.runbook.context);
  if (!byStep) {
    byStep = new Map();
    for (const c of ctx.graph.runbook.context) {
      if (c.afterStep === undefined) continue;
      const list = byStep.get(c.afterStep);
      if (list) list.push(c);
      else byStep.set(c.afterStep, [c]);
    }
    samplesByStep.set(ctx.graph.runbook.context, byStep);
  }
  return byStep.get(step.index) ?? [];
}

/** The context blocks by the step they follow, built once per runbook: a run of 20,000 steps does not scan them all per step. */
const samplesByStep = new WeakMap<readonly ContextBlock[], Map<number, ContextBlock[]>>();
