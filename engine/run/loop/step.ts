/** One step, whatever its kind: its heading on screen, then the manual or the command path. */
import type { Step } from '../../model.js';
import type { Phase } from '../../journal/events.js';
import type { RunContext } from '../context.js';
import { playCommand } from './command.js';
import { playManual } from './manual.js';
import type { StepEnd } from './record.js';

export async function playStep(ctx: RunContext, step: Step, position: string, phase: Phase = 'flow'): Promise<StepEnd> {
  ctx.ui.step(step, position, phase === 'flow' ? '' : ctx.t(`phase.${phase}`));
  return step.kind === 'manual' ? playManual(ctx, step, phase) : playCommand(ctx, step, phase);
}
