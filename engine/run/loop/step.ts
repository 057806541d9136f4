/** One step, whatever its kind: its heading on screen, its safety steps checked, then the manual or the command path. */
import type { Step } from '../../model.js';
import { reason, type Phase } from '../../journal/events.js';
import { stepOf, type RunContext } from '../context.js';
import { describeMissing, missingFor } from './dependencies.js';
import { playCommand } from './command.js';
import { playManual } from './manual.js';
import { ask, decide, finishWithout, samplesAfter, type StepEnd } from './record.js';

export async function playStep(ctx: RunContext, step: Step, position: string, phase: Phase = 'flow'): Promise<StepEnd> {
  ctx.ui.step(step, position, phase === 'flow' ? '' : ctx.t(`phase.${phase}`));
  if (phase === 'flow') {
    const gate = await safetyGate(ctx, step);
    if (gate !== undefined) return gate;
  }
  const end = step.kind === 'manual' ? await playManual(ctx, step, phase) : await playCommand(ctx, step, phase);
  // The blocks written after a step (its sample output…) come after it; a dry run has shown them in place of the output.
  if (end !== 'abort' && !(ctx.mode === 'dry-run' && step.kind === 'command')) ctx.ui.samples(samplesAfter(ctx, step));
  return end;
}

/**
 * A step whose safety steps did not run does not start unasked. Attended:
 * run the missing step now, go on without it (the step's id typed), or
 * abort. Under `--yes` the run stops here (failed). A dry run only warns.
 */
async function safetyGate(ctx: RunContext, step: Step): Promise<StepEnd | undefined> {
  const { ui, t } = ctx;
  for (;;) {
    const missing = missingFor(ctx, step);
    if (missing.length === 0) return undefined;
    const why = reason('reason.safetyMissing', { step: step.id, missing: describeMissing(missing) });
    if (ctx.mode === 'dry-run') {
      ui.warn(t(why.key, why.data));
      return undefined;
    }
    if (ctx.attendance.kind === 'unattended') {
      ui.result('fail', t(why.key, why.data));
      finishWithout(ctx, step, 'skipped', 'flow', { reason: why });
      return 'failed';
    }
    ui.warn(t(why.key, why.data));
    const first = missing[0];
    const runnable = first !== undefined && ctx.steps.has(first.step) && !stepOf(ctx, first.step).rollback ? first.step : undefined;
    const prompter = ctx.attendance.prompter;
    const choice = await ask(ctx, prompter, t('prompt.safetyMissing'), [
      ...(runnable !== undefined ? [{ value: 'run-missing' as const, label: t('choice.runMissing', { step: runnable }) }] : []),
      { value: 'override' as const, label: t('choice.override') },
      { value: 'abort' as const, label: t('choice.abort') },
    ], runnable !== undefined ? 'run-missing' : 'abort');
    if (choice === 'abort') {
      decide(ctx, 'abort', step, { reason: why });
      return 'abort';
    }
    if (choice === 'override') {
      const typed = (await prompter.text(t('prompt.override', { step: step.id }), { validate: (v) => v.trim() === step.id || t('prompt.overrideWrong', { step: step.id }) })).trim();
      decide(ctx, 'override', step, { reason: why, text: typed });
      return undefined;
    }
    if (runnable === undefined) return 'abort';
    decide(ctx, 'run-missing', step, { reason: why, text: runnable });
    const end = await playStep(ctx, stepOf(ctx, runnable), '↳');
    if (end !== 'continue') return end;
  }
}
