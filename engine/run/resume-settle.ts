/** Resume's questions before the flow goes on: secret captures asked by name, and the step that was running settled. */
import { AbortedError, PausedError } from '../errors.js';
import type { Translate } from '../i18n/translate.js';
import { reason } from '../journal/events.js';
import type { RunState } from '../journal/fold.js';
import { groupAlive, processRunning, signalGroup } from '../process/group.js';
import type { RunContext } from './context.js';
import { sleep } from './loop/attempts.js';
import { decide } from './loop/record.js';
import type { Prompter } from './operator/prompter.js';
import type { Variables } from './variables.js';

/**
 * Secret captures (and values a `secret` step's shell left, `session`
 * events) were never journaled and their steps never re-run: the
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
    else variables.set(captured.name, value, { source: captured.carried ? 'session' : 'capture', secret: true, step: captured.step });
  }
}

/** How long resume waits for a step that is still running, when the step has no timeout of its own. */
export const RESUME_WAIT_MS = 10 * 60 * 1000;

/**
 * Never two copies of a step: wait for (or stop) the interrupted step while
 * its shell is still running, then Re-run · Mark done · Skip. The step is
 * alive while its shell is (journals before `step-process` only have the
 * group); processes it left in the background do not count. The wait lasts
 * at most the step's timeout (else 10 minutes); then the run stops, still
 * resumable.
 */
export async function settleInterrupted(ctx: RunContext, stepId: string, proc: { pid?: number; pgid?: number }): Promise<void> {
  const { ui, t } = ctx;
  const prompter = ctx.attendance.kind === 'attended' ? ctx.attendance.prompter : undefined;
  const group = proc.pgid ?? proc.pid;
  const running = () => (proc.pid !== undefined ? processRunning(proc.pid) : group !== undefined && groupAlive(group));
  if (group !== undefined && running()) {
    if (prompter && (await prompter.confirm(t('prompt.stopProcess', { step: stepId, pgid: group }), false))) {
      decide(ctx, 'stop-process', ctx.steps.get(stepId));
      signalGroup(group, 'SIGTERM');
    }
    ui.line(t('run.waitingForProcess', { pgid: group }));
    const known = ctx.steps.get(stepId);
    const budget = known?.kind === 'command' && known.timeoutMs !== undefined ? known.timeoutMs : RESUME_WAIT_MS;
    const until = ctx.clock.now() + budget;
    while (running() && !ctx.stop.signal.aborted && ctx.clock.now() < until) await sleep(Math.min(500, Math.max(1, until - ctx.clock.now())), ctx.stop.signal);
    if (ctx.stop.signal.aborted) throw new AbortedError('run.stoppedWaiting', { pgid: group });
    if (running()) throw new PausedError('error.stillRunning', { step: stepId, pgid: group, seconds: Math.round(budget / 1000) });
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
