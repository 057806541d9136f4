/**
 * A command step as the operator meets it: its condition, the command shown
 * with the variables it uses, then Run · Skip · Edit · Note · Abort (a
 * destructive step in a protected environment also needs its id or the
 * environment's name typed). Under `--yes` the step runs without a question,
 * and a destructive one only with `--allow-destructive` (journaled). In a dry
 * run nothing is executed: the sample output stands in for it (`dry.ts`).
 */
import { resolve } from 'node:path';
import { FailedError, PausedError } from '../../errors.js';
import type { CommandStep } from '../../model.js';
import { reason, type Phase } from '../../journal/events.js';
import type { RunContext } from '../context.js';
import type { Prompter } from '../operator/prompter.js';
import { referencedNames } from '../variables.js';
import { shellFor } from './attempts.js';
import { ask, decide, finishWithout, say, type StepEnd } from './record.js';
import { askInferredFor } from './inferred.js';
import { runWithRecovery } from './recovery.js';

export async function playCommand(ctx: RunContext, step: CommandStep, phase: Phase): Promise<StepEnd> {
  const { ui, t } = ctx;
  const dry = ctx.mode === 'dry-run';
  await askInferredFor(ctx, step);
  if (step.if !== undefined) {
    if (dry) ui.result('info', t('run.runsIf', { condition: step.if }));
    else if (!(await conditionHolds(ctx, step))) {
      const why = reason('reason.conditionFalse', { condition: step.if });
      ui.result('skip', say(ctx, why));
      finishWithout(ctx, step, 'skipped', phase, { reason: why });
      return 'continue';
    }
  }
  let command = step.command;
  showCommand(ctx, command);
  const gated = step.destructive && ctx.environment?.spec.protected === true;
  // A rehearsal (`--dry-run --fail-at`) asks for the typed confirmation as a real run would.
  const typed = gated && (!dry || (ctx.failAt !== undefined && ctx.attendance.kind === 'attended'));
  if (gated && dry && !typed) ui.warn(t('run.gateDry', { step: step.id, env: ctx.environment?.name ?? '' }));
  if (ctx.attendance.kind === 'unattended') {
    if (step.destructive && !dry) {
      if (!ctx.attendance.allowDestructive) throw new FailedError('run.destructiveBlocked', { step: step.id });
      decide(ctx, 'run', step, { reason: reason('reason.allowDestructive') });
    }
  } else {
    const answer = await confirm(ctx, ctx.attendance.prompter, step, phase, command, typed);
    if (answer.end) return answer.end;
    command = answer.command;
  }
  return runWithRecovery(ctx, step, command, phase);
}

export function showCommand(ctx: RunContext, command: string): void {
  const placeholders = ctx.mode === 'dry-run' ? new Set(Object.keys(ctx.graph.runbook.frontMatter.params)) : undefined;
  ctx.ui.command(ctx.masker.mask(command), ctx.variables.visible(command, placeholders));
}

/** Asks until the operator runs the step (possibly edited) or ends it. */
async function confirm(ctx: RunContext, prompter: Prompter, step: CommandStep, phase: Phase, initial: string, gated: boolean): Promise<{ end?: StepEnd; command: string }> {
  const { t } = ctx;
  let command = initial;
  for (;;) {
    const choice = await ask(ctx, prompter, t('prompt.step'), [
      { value: 'run', label: t('choice.run') },
      { value: 'skip', label: t('choice.skip') },
      { value: 'edit', label: t('choice.edit') },
      { value: 'note', label: t('choice.note') },
      { value: 'abort', label: t('choice.abort') },
    ], 'run');
    if (choice === 'abort') {
      decide(ctx, 'abort', step);
      return { end: 'abort', command };
    }
    if (choice === 'skip') {
      decide(ctx, 'skip', step);
      finishWithout(ctx, step, 'skipped', phase, { reason: reason('reason.skippedByOperator') });
      ctx.ui.result('skip', t('run.skipped'));
      return { end: 'continue', command };
    }
    if (choice === 'note') {
      const text = await prompter.text(t('prompt.note'));
      if (text.trim() !== '') ctx.journal.append({ type: 'note', step: step.id, text: ctx.masker.mask(text) });
      continue;
    }
    if (choice === 'edit') {
      command = await prompter.text(t('prompt.edit'), { default: command });
      decide(ctx, 'edit', step, { command: ctx.masker.mask(command) });
      showCommand(ctx, command);
      continue;
    }
    if (gated && !(await typedConfirmation(ctx, prompter, step))) continue;
    if (!gated && step.destructive && ctx.mode !== 'dry-run' && !(await deliberateYes(ctx, prompter, step))) continue;
    decide(ctx, 'run', step);
    return { command };
  }
}

/** The typed confirmation of a destructive step in a protected environment; accepted or refused, it is journaled. */
async function typedConfirmation(ctx: RunContext, prompter: Prompter, step: CommandStep): Promise<boolean> {
  const env = ctx.environment?.name ?? '';
  ctx.ui.warn(ctx.t('run.gate', { step: step.id, env }));
  const typed = (await prompter.text(ctx.t('prompt.gate', { step: step.id, env }))).trim();
  const accepted = typed === step.id || typed === env;
  decide(ctx, accepted ? 'confirmed' : 'refused', step, { reason: reason('reason.typedConfirmation', { env }), text: ctx.masker.mask(typed), confirmation: 'typed' });
  if (!accepted) ctx.ui.result('fail', ctx.t('run.gateWrong'));
  return accepted;
}

/** A destructive step outside a protected environment: a yes/no question whose default is No; a No goes back to the menu. */
async function deliberateYes(ctx: RunContext, prompter: Prompter, step: CommandStep): Promise<boolean> {
  const yes = await prompter.confirm(ctx.t('prompt.destructive', { step: step.id }), false);
  decide(ctx, yes ? 'confirmed' : 'refused', step, { reason: reason('reason.destructiveQuestion'), confirmation: 'question' });
  if (!yes) ctx.ui.result('skip', ctx.t('run.destructiveDeclined'));
  return yes;
}

async function conditionHolds(ctx: RunContext, step: CommandStep): Promise<boolean> {
  const missing = ctx.variables.firstUnavailable(referencedNames(step.if ?? ''));
  if (missing) throw new PausedError('error.captureUnavailable', { name: missing.name, step: missing.step, at: step.id });
  const result = await ctx.runner.run({
    command: step.if ?? 'true',
    shell: shellFor(step, ctx.graph.runbook.frontMatter.shell),
    cwd: step.cwd !== undefined ? resolve(ctx.cwd, step.cwd) : ctx.journal.state.cwd ?? resolve(ctx.cwd, ctx.graph.runbook.frontMatter.cwd ?? '.'),
    env: ctx.variables.env(),
    interactive: false,
    signal: ctx.stop.signal,
  });
  return result.status === 'succeeded';
}
