/** A manual step (a task-list item): the operator confirms it done, skips it (saying why) or aborts; under `--yes` it is left not confirmed. */
import type { ManualStep } from '../../model.js';
import { reason, type Phase } from '../../journal/events.js';
import type { RunContext } from '../context.js';
import { ask, attemptsOf, decide, finishWithout, say, type StepEnd } from './record.js';

export async function playManual(ctx: RunContext, step: ManualStep, phase: Phase): Promise<StepEnd> {
  const { ui, t } = ctx;
  ui.line(`  ☐ ${step.text}`);
  ctx.journal.append({ type: 'step-started', step: step.id, phase, attempt: attemptsOf(ctx, step.id) + 1, kind: 'manual' });
  if (ctx.attendance.kind === 'unattended') {
    const why = reason('reason.manualNotConfirmed');
    decide(ctx, 'skip', step, { reason: why });
    ui.result('skip', say(ctx, why));
    finishWithout(ctx, step, 'not-confirmed', phase, { reason: why });
    return 'continue';
  }
  const prompter = ctx.attendance.prompter;
  const choice = await ask(ctx, prompter, t('prompt.manual'), [
    { value: 'done', label: t('choice.done') },
    { value: 'skip', label: t('choice.skip') },
    { value: 'abort', label: t('choice.abort') },
  ], 'done');
  if (choice === 'abort') {
    decide(ctx, 'abort', step);
    return 'abort';
  }
  if (choice === 'done') {
    decide(ctx, 'done', step);
    finishWithout(ctx, step, 'done', phase);
    ui.result('ok', t('run.manualDone'));
    return 'continue';
  }
  const text = ctx.masker.mask(await prompter.text(t('prompt.skipReason')));
  decide(ctx, 'skip', step, text ? { text } : {});
  finishWithout(ctx, step, 'skipped', phase, text ? { text } : { reason: reason('reason.skippedByOperator') });
  ui.result('skip', t('run.skipped'));
  return 'continue';
}
