/** One step, whatever its kind: its heading on screen, then the manual or the command path. */
import type { Step } from '../../model.js';
import type { Phase } from '../../journal/events.js';
import type { RunContext } from '../context.js';
import { playCommand } from './command.js';
import { playManual } from './manual.js';
import { samplesAfter, type StepEnd } from './record.js';

export async function playStep(ctx: RunContext, step: Step, position: string, phase: Phase = 'flow'): Promise<StepEnd> {
  ctx.ui.step(step, position, phase === 'flow' ? '' : ctx.t(`phase.${phase}`));
  const end = step.kind === 'manual' ? await playManual(ctx, step, phase) : await playCommand(ctx, step, phase);
  // The blocks written after a step (its sample output…) come after it; a dry run has shown them in place of the output.
  if (end !== 'abort' && !(ctx.mode === 'dry-run' && step.kind === 'command')) ctx.ui.samples(samplesAfter(ctx, step));
  return end;
}
