/**
 * A command step run to success or to a decision: on failure the operator
 * chooses Retry · Edit and retry · Skip · Handler · Roll back · Abort. Under
 * `--yes` (or `continue-on-error`) the handler runs if there is one, else
 * the step is failed or passed over — each automatic choice journaled.
 */
import type { CommandStep } from '../../model.js';
import { reason, type Choice, type Phase } from '../../journal/events.js';
import { stepOf, stopAfterStep, type RunContext } from '../context.js';
import { durationText, failureText } from '../operator/failure-text.js';
import type { Prompter } from '../operator/prompter.js';
import { executeCommandStep, type StepOutcome } from './attempts.js';
import { dryAttempt } from './dry.js';
import { ask, decide, finishWithout, say, type StepEnd } from './record.js';
import { playStep } from './step.js';

export async function runWithRecovery(ctx: RunContext, step: CommandStep, initial: string, phase: Phase): Promise<StepEnd> {
  const { ui, t } = ctx;
  let command = initial;
  for (;;) {
    const outcome = await attempt(ctx)(ctx, step, command, phase);
    if (outcome.status === 'succeeded') {
      if (outcome.dryRun !== true) ui.result('ok', t('run.succeeded', { duration: durationText(outcome.durationMs) }));
      return 'continue';
    }
    reportFailure(ctx, outcome);
    if (stopAfterStep(ctx) !== undefined) return 'abort'; // stopped, or the terminal is gone: the flow stops, resumable
    const interrupted = outcome.status === 'interrupted';
    if (ctx.attendance.kind === 'unattended' && interrupted) return 'abort';
    if (ctx.attendance.kind === 'unattended' || (step.continueOnError && !interrupted)) {
      if (step.onFailure !== undefined) {
        decide(ctx, 'handler', step);
        if (await runHandler(ctx, step, step.onFailure)) return 'continue';
      }
      if (step.continueOnError) {
        decide(ctx, 'continue', step, { reason: reason('reason.continueOnError') });
        ui.warn(t('run.continueOnError'));
        return 'continue';
      }
      return 'failed';
    }
    const next = await failureMenu(ctx, ctx.attendance.prompter, step, phase, command);
    if (typeof next !== 'object') return next;
    command = next.retry;
  }
}

/** Asks what to do after a failure until the answer is a retry (with the command to run) or the end of the step. */
async function failureMenu(ctx: RunContext, prompter: Prompter, step: CommandStep, phase: Phase, command: string): Promise<StepEnd | { retry: string }> {
  const { ui, t } = ctx;
  const choices: { value: Choice; label: string }[] = [
    { value: 'retry', label: t('choice.retry') },
    { value: 'edit-retry', label: t('choice.editRetry') },
    { value: 'skip', label: t('choice.skip') },
    ...(step.onFailure !== undefined ? [{ value: 'handler' as const, label: t('choice.handler', { step: step.onFailure }) }] : []),
    ...(phase === 'flow' && ctx.graph.rollback.length > 0 && ctx.journal.state.destructiveRan ? [{ value: 'rollback' as const, label: t('choice.rollback') }] : []),
    { value: 'abort', label: t('choice.abort') },
  ];
  for (;;) {
    const choice = await ask(ctx, prompter, t('prompt.failure'), choices, 'retry');
    if (choice === 'edit-retry') {
      const edited = await prompter.text(t('prompt.edit'), { default: command });
      decide(ctx, choice, step, { command: ctx.masker.mask(edited) });
      ui.command(ctx.masker.mask(edited), []);
      return { retry: edited };
    }
    if (choice === 'skip') {
      // Why a failed step is passed over goes into the journal and the report, in the operator's words.
      const text = ctx.masker.mask((await prompter.text(t('prompt.skipReason'))).trim());
      decide(ctx, 'skip', step, { reason: reason('reason.skippedAfterFailure'), ...(text !== '' && { text }) });
      finishWithout(ctx, step, 'skipped', phase, { reason: reason('reason.skippedAfterFailure'), ...(text !== '' && { text }) });
      return 'continue';
    }
    decide(ctx, choice, step);
    if (choice === 'retry') return { retry: command };
    if (choice === 'handler' && step.onFailure !== undefined) {
      if (await runHandler(ctx, step, step.onFailure)) return 'continue';
      continue; // the handler failed too: ask again, without re-running the step
    }
    return choice === 'rollback' ? 'rollback' : 'abort';
  }
}

/** A dry run executes nothing, its failure (`--fail-at`) included. */
function attempt(ctx: RunContext): typeof executeCommandStep {
  return ctx.mode === 'dry-run' ? dryAttempt : executeCommandStep;
}

export function reportFailure(ctx: RunContext, outcome: StepOutcome): void {
  if (outcome.reason?.key === 'reason.rehearsedFailure') return ctx.ui.result('fail', say(ctx, outcome.reason));
  ctx.ui.result('fail', failureText(ctx.t, outcome));
  if (outcome.reason) ctx.ui.line(`  ${say(ctx, outcome.reason)}`);
  if (outcome.expectDiff) ctx.ui.diff(outcome.expectDiff);
}

/** Runs a step's on-failure handler; on success the failed step counts as recovered. */
async function runHandler(ctx: RunContext, step: CommandStep, handlerId: string): Promise<boolean> {
  const handler = stepOf(ctx, handlerId);
  ctx.ui.result('info', ctx.t('run.handlerRunning', { handler: handler.id, step: step.id }));
  if (handler.kind === 'manual') {
    return (await playStep(ctx, handler, '↳', 'handler')) === 'continue' && recovered(ctx, step, handler.id);
  }
  ctx.ui.step(handler, '↳', ctx.t('phase.handler'));
  ctx.ui.command(ctx.masker.mask(handler.command), []);
  const outcome = await attempt(ctx)(ctx, handler, handler.command, 'handler');
  if (outcome.status !== 'succeeded') {
    reportFailure(ctx, outcome);
    return false;
  }
  return recovered(ctx, step, handler.id);
}

function recovered(ctx: RunContext, step: CommandStep, handler: string): boolean {
  const why = reason('reason.recovered', { step: step.id, handler });
  ctx.ui.result('ok', say(ctx, why));
  finishWithout(ctx, step, 'recovered', 'flow', { reason: why });
  return true;
}
