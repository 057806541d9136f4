/**
 * A command step's attempt in a dry run: nothing is executed, the sample
 * output stands in for it. With `--fail-at STEP` that step's first attempt
 * in the normal flow fails instead (`reason.rehearsedFailure`), journaled as
 * a failure, so the trainee meets the failure menu, the handler and the
 * rollback path as a real run would take them; a retry then dry-runs.
 */
import type { CommandStep } from '../../model.js';
import { reason, type Phase } from '../../journal/events.js';
import type { RunContext } from '../context.js';
import type { StepOutcome } from './attempts.js';
import { attemptsOf, finishWithout, samplesAfter } from './record.js';

export function dryAttempt(ctx: RunContext, step: CommandStep, command: string, phase: Phase): Promise<StepOutcome> {
  const rehearsed = ctx.failAt === step.id && phase === 'flow' && attemptsOf(ctx, step.id) === 0;
  const sample = step.sampleOutput ?? step.expect?.text;
  if (sample && !rehearsed) {
    ctx.ui.line(ctx.t('run.youWouldSee'));
    ctx.ui.output(`${sample.trimEnd()}\n`, 'stdout');
  }
  if (!rehearsed) ctx.ui.samples(samplesAfter(ctx, step)); // the blocks written after the step stand in for its output
  ctx.journal.append({ type: 'step-started', step: step.id, phase, attempt: attemptsOf(ctx, step.id) + 1, kind: 'command', command: ctx.masker.mask(command) });
  if (rehearsed) {
    const why = reason('reason.rehearsedFailure', { step: step.id });
    finishWithout(ctx, step, 'failed', phase, { reason: why });
    return Promise.resolve({ status: 'failed', exitCode: null, signal: null, durationMs: 0, reason: why });
  }
  finishWithout(ctx, step, 'dry-run', phase);
  ctx.ui.result('info', ctx.t('run.dryRunNotExecuted'));
  return Promise.resolve({ status: 'succeeded', exitCode: null, signal: null, durationMs: 0, dryRun: true });
}
