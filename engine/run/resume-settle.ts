/** Resume's questions before the flow goes on: secret captures asked by name, and the step that was running settled. */
import { AbortedError } from '../errors.js';
import type { Translate } from '../i18n/translate.js';
import { reason } from '../journal/events.js';
import type { RunState } from '../journal/fold.js';
import { groupAlive, signalGroup } from '../process/group.js';
import type { RunContext } from './context.js';
import { sleep } from './loop/attempts.js';
import { decide } from './loop/record.js';
import type { Prompter } from './operator/prompter.js';
import type { Variables } from './variables.js';

/**
 * Secret captures were never journaled and their steps never re-run: the
 * value is asked by its own name, naming the step that captured it; under
 * `--yes` it comes from `RUNBOOK_CAPTURE_<NAME>` or `-p NAME=…`, else it is
 * unavailable and the first step that uses it stops the run.
 */
export async function secretCaptures(state: RunState, variables: Variables, how: { env: NodeJS.ProcessEnv; pairs: string[]; prompter?: Prompter; t: Translate }): Promise<void> {
  for (const captured of state.variables.values()) {
    if (!captured.secret) continue;
    const given = how.pairs.find((p) => p.startsWith(`${captured.name}=`))?.slice(captured.name.length + 1) ?? how.env[`RUNBOOK_CAPTURE_${captured.name}`];
    const value = given ?? (how.prompter ? await how.prompter.secret(how.t('prompt.secretCapture', { name: captured.name, step: captured.step })) : undefined);
    if (value === undefined) variables.markUnavailable(captured.name, captured.step);
    else variables.set(captured.name, value, { source: 'capture', secret: true, step: captured.step });
  }
}

/** Never two copies of a step: wait for (or stop) a process group that is still alive, then Re-run · Mark done · Skip. */
export async function settleInterrupted(ctx: RunContext, stepId: string, pgid: number | undefined): Promise<void> {
  const { ui, t } = ctx;
  const prompter = ctx.attendance.kind === 'attended' ? ctx.attendance.prompter : undefined;
  if (pgid !== undefined && groupAlive(pgid)) {
    if (prompter && (await prompter.confirm(t('prompt.stopProcess', { step: stepId, pgid }), false))) {
      decide(ctx, 'stop-process', ctx.steps.get(stepId));
      signalGroup(pgid, 'SIGTERM');
    }
    ui.line(t('run.waitingForProcess', { pgid }));
    while (groupAlive(pgid) && !ctx.stop.signal.aborted) await sleep(500, ctx.stop.signal);
    if (ctx.stop.signal.aborted) throw new AbortedError('run.stoppedWaiting', { pgid });
  }
  const step = ctx.steps.get(stepId);
  if (!step || !ctx.graph.flow.includes(stepId)) return;
  const choice = prompter
    ? await prompter.choose(t('prompt.interrupted', { step: stepId }), [
        { value: 'rerun' as const, label: t('choice.rerun') },
        { value: 'mark-done' as const, label: t('choice.markDone') },
        { value: 'skip' as const, label: t('choice.skip') },
      ], 'rerun')
    : 'rerun';
  decide(ctx, choice, step);
  if (choice === 'rerun') return;
  ctx.journal.append({ type: 'step-finished', step: stepId, phase: 'flow', attempt: 0, status: choice === 'mark-done' ? 'done' : 'skipped', durationMs: 0, outputBytes: 0, reason: reason(choice === 'mark-done' ? 'reason.markedDone' : 'reason.skippedByOperator') });
}
