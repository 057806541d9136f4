/**
 * One step of the normal flow, as the operator meets it: shown, confirmed
 * (Run · Skip · Edit · Note · Abort), run, and on failure
 * Retry · Edit and retry · Skip · Handler · Roll back · Abort. Under `--yes`
 * the same decisions are taken automatically and journaled as such.
 */
import { resolve } from 'node:path';
import { FailedError } from '../errors.js';
import type { CommandStep, ManualStep, Step } from '../model.js';
import type { Choice as Decision, Phase } from './events.js';
import { exitCodeMeaning } from './exec.js';
import { executeCommandStep, shellFor, type StepOutcome } from './execute-step.js';
import { maybeEscalate } from './escalation.js';
import type { RunSession } from './session.js';
import { stepOf } from './session.js';
import { visibleVariables } from './variables.js';
import { commandEnv } from './variables.js';
import { durationText } from './ui.js';

export type StepEnd = 'continue' | 'failed' | 'abort' | 'rollback';

export function decide(session: RunSession, choice: Decision, step: Step | undefined, extra: { reason?: string; command?: string } = {}): void {
  session.journal.append({ type: 'decision', choice, automatic: session.yes, ...(step && { step: step.id }), ...extra });
}

function finish(session: RunSession, step: Step, status: 'skipped' | 'done' | 'not-confirmed' | 'dry-run' | 'recovered', phase: Phase, reason?: string): void {
  session.statuses.set(step.id, status);
  session.journal.append({ type: 'step-finished', step: step.id, phase, attempt: attemptsOf(session, step.id), status, durationMs: 0, outputBytes: 0, ...(reason !== undefined && { reason }) });
}

export function attemptsOf(session: RunSession, id: string): number {
  return session.journal.events.filter((e) => e.type === 'step-started' && e.step === id).length;
}

async function ask<T extends string>(session: RunSession, message: string, choices: { value: T; label: string }[], fallback: T): Promise<T> {
  maybeEscalate(session);
  return (session.prompter as NonNullable<RunSession['prompter']>).choose(message, choices, fallback);
}

export async function playStep(session: RunSession, step: Step, position: string, phase: Phase = 'flow'): Promise<StepEnd> {
  const { ui, t } = session;
  ui.step(step, position, phase === 'flow' ? '' : t(`phase.${phase}`));
  return step.kind === 'manual' ? playManual(session, step, phase) : playCommand(session, step, phase);
}

async function playManual(session: RunSession, step: ManualStep, phase: Phase): Promise<StepEnd> {
  const { ui, t } = session;
  ui.line(`  ☐ ${step.text}`);
  session.journal.append({ type: 'step-started', step: step.id, phase, attempt: attemptsOf(session, step.id) + 1, kind: 'manual' });
  if (session.yes) {
    ui.result('skip', t('run.manualNotConfirmed'));
    finish(session, step, 'not-confirmed', phase, t('run.manualNotConfirmed'));
    return 'continue';
  }
  const choice = await ask(session, t('prompt.manual'), [
    { value: 'done', label: t('choice.done') },
    { value: 'skip', label: t('choice.skip') },
    { value: 'abort', label: t('choice.abort') },
  ], 'done');
  if (choice === 'abort') {
    decide(session, 'abort', step);
    return 'abort';
  }
  const reason = choice === 'skip' ? await (session.prompter as NonNullable<RunSession['prompter']>).text(t('prompt.skipReason')) : undefined;
  decide(session, choice, step, reason ? { reason } : {});
  finish(session, step, choice === 'done' ? 'done' : 'skipped', phase, reason);
  ui.result(choice === 'done' ? 'ok' : 'skip', t(choice === 'done' ? 'run.manualDone' : 'run.skipped'));
  return 'continue';
}

async function conditionHolds(session: RunSession, step: CommandStep): Promise<boolean> {
  const result = await session.runner.run({
    command: step.if as string,
    shell: shellFor(step, session.graph.runbook.frontMatter.shell),
    cwd: resolve(session.cwd, step.cwd ?? session.graph.runbook.frontMatter.cwd ?? '.'),
    env: commandEnv({ base: session.baseEnv, envVars: session.environment?.spec.vars ?? {}, params: session.params, captures: session.captures }),
    interactive: false,
  });
  return result.status === 'succeeded';
}

async function playCommand(session: RunSession, step: CommandStep, phase: Phase): Promise<StepEnd> {
  const { ui, t } = session;
  const dry = session.mode === 'dry-run';
  if (step.if !== undefined) {
    if (dry) ui.result('info', t('run.runsIf', { condition: step.if }));
    else if (!(await conditionHolds(session, step))) {
      ui.result('skip', t('run.conditionFalse', { condition: step.if }));
      finish(session, step, 'skipped', phase, t('run.conditionFalse', { condition: step.if }));
      return 'continue';
    }
  }
  let command = step.command;
  const show = () =>
    ui.command(session.masker.mask(command), visibleVariables(command, { envVars: session.environment?.spec.vars ?? {}, params: session.params, captures: session.captures }, (n) => session.secretNames.has(n), dry ? new Set(Object.keys(session.graph.runbook.frontMatter.params)) : undefined));
  show();
  const gated = step.destructive && session.environment?.spec.protected === true;
  if (step.destructive && session.yes && !session.allowDestructive && !dry) {
    throw new FailedError('run.destructiveBlocked', { step: step.id });
  }
  if (gated && dry) ui.warn(t('run.gateDry', { step: step.id, env: session.environment?.name ?? '' }));

  if (!session.yes) {
    for (;;) {
      const choice = await ask(session, t('prompt.step'), [
        { value: 'run', label: t('choice.run') },
        { value: 'skip', label: t('choice.skip') },
        { value: 'edit', label: t('choice.edit') },
        { value: 'note', label: t('choice.note') },
        { value: 'abort', label: t('choice.abort') },
      ], 'run');
      if (choice === 'abort') {
        decide(session, 'abort', step);
        return 'abort';
      }
      if (choice === 'skip') {
        decide(session, 'skip', step);
        finish(session, step, 'skipped', phase, t('run.skippedByOperator'));
        ui.result('skip', t('run.skipped'));
        return 'continue';
      }
      if (choice === 'note') {
        const text = await (session.prompter as NonNullable<RunSession['prompter']>).text(t('prompt.note'));
        if (text.trim() !== '') session.journal.append({ type: 'note', step: step.id, text: session.masker.mask(text) });
        continue;
      }
      if (choice === 'edit') {
        command = await (session.prompter as NonNullable<RunSession['prompter']>).text(t('prompt.edit'), { default: command });
        decide(session, 'edit', step, { command: session.masker.mask(command) });
        show();
        continue;
      }
      if (gated && !dry && !(await confirmGate(session, step))) continue;
      decide(session, 'run', step);
      break;
    }
  }
  if (dry) {
    const sample = step.sampleOutput ?? step.expect?.text;
    if (sample) {
      ui.line(t('run.youWouldSee'));
      ui.output(`${sample.trimEnd()}\n`, 'stdout');
    }
    session.journal.append({ type: 'step-started', step: step.id, phase, attempt: attemptsOf(session, step.id) + 1, kind: 'command', command: session.masker.mask(command) });
    finish(session, step, 'dry-run', phase);
    ui.result('info', t('run.dryRunNotExecuted'));
    return 'continue';
  }
  return runWithRecovery(session, step, command, phase);
}

async function confirmGate(session: RunSession, step: CommandStep): Promise<boolean> {
  const env = session.environment?.name ?? '';
  session.ui.warn(session.t('run.gate', { step: step.id, env }));
  const typed = await (session.prompter as NonNullable<RunSession['prompter']>).text(session.t('prompt.gate', { step: step.id, env }));
  if (typed.trim() === step.id || typed.trim() === env) return true;
  session.ui.result('fail', session.t('run.gateWrong'));
  return false;
}

async function runWithRecovery(session: RunSession, step: CommandStep, initial: string, phase: Phase): Promise<StepEnd> {
  const { ui, t } = session;
  let command = initial;
  for (;;) {
    if (step.destructive) session.destructiveRan = true;
    const outcome = await executeCommandStep(session, step, command, phase, attemptsOf(session, step.id) + 1);
    if (outcome.status === 'succeeded') {
      session.statuses.set(step.id, 'succeeded');
      ui.result('ok', t('run.succeeded', { duration: durationText(outcome.durationMs) }));
      return 'continue';
    }
    session.statuses.set(step.id, outcome.status === 'interrupted' ? 'interrupted' : 'failed');
    reportFailure(session, outcome);
    if (session.terminated) return 'abort';
    const interrupted = outcome.status === 'interrupted';
    if (session.yes && interrupted) return 'abort';
    if (session.yes || (step.continueOnError && !interrupted)) {
      if (step.onFailure && (await runHandler(session, step))) return 'continue';
      if (step.continueOnError) {
        ui.warn(t('run.continueOnError'));
        return 'continue';
      }
      return 'failed';
    }
    const next = await failureMenu(session, step, phase, command);
    if (typeof next !== 'object') return next;
    command = next.retry;
  }
}

/** Asks what to do after a failure until the answer is a retry (with the command to run) or the end of the step. */
async function failureMenu(session: RunSession, step: CommandStep, phase: Phase, command: string): Promise<StepEnd | { retry: string }> {
  const { ui, t } = session;
  const choices: { value: Decision; label: string }[] = [
    { value: 'retry', label: t('choice.retry') },
    { value: 'edit-retry', label: t('choice.editRetry') },
    { value: 'skip', label: t('choice.skip') },
    ...(step.onFailure ? [{ value: 'handler' as const, label: t('choice.handler', { step: step.onFailure }) }] : []),
    ...(phase === 'flow' && session.graph.rollback.length > 0 && session.destructiveRan ? [{ value: 'rollback' as const, label: t('choice.rollback') }] : []),
    { value: 'abort', label: t('choice.abort') },
  ];
  for (;;) {
    const choice = await ask(session, t('prompt.failure'), choices, 'retry');
    if (choice === 'edit-retry') {
      const edited = await (session.prompter as NonNullable<RunSession['prompter']>).text(t('prompt.edit'), { default: command });
      decide(session, choice, step, { command: session.masker.mask(edited) });
      ui.command(session.masker.mask(edited), []);
      return { retry: edited };
    }
    decide(session, choice, step);
    if (choice === 'retry') return { retry: command };
    if (choice === 'skip') {
      finish(session, step, 'skipped', phase, t('run.skippedAfterFailure'));
      return 'continue';
    }
    if (choice === 'handler') {
      if (await runHandler(session, step)) return 'continue';
      continue; // the handler failed too: ask again, without re-running the step
    }
    return choice === 'rollback' ? 'rollback' : 'abort';
  }
}

function reportFailure(session: RunSession, outcome: StepOutcome): void {
  const { ui, t } = session;
  const meaning = exitCodeMeaning(outcome.exitCode, outcome.signal);
  const key = outcome.status === 'timed-out' ? 'run.timedOut' : outcome.status === 'interrupted' ? 'run.interrupted' : 'run.failed';
  ui.result('fail', t(key, { code: outcome.exitCode ?? '—', meaning: meaning ? ` (${meaning})` : '', duration: durationText(outcome.durationMs) }));
  if (outcome.reason) ui.line(`  ${outcome.reason}`);
  if (outcome.expectDiff) ui.diff(outcome.expectDiff);
}

/** Runs a step's on-failure handler; on success the failed step counts as recovered. */
async function runHandler(session: RunSession, step: CommandStep): Promise<boolean> {
  const handler = stepOf(session, step.onFailure as string);
  session.ui.result('info', session.t('run.handlerRunning', { handler: handler.id, step: step.id }));
  if (handler.kind === 'manual') {
    const end = await playStep(session, handler, '↳', 'handler');
    return end === 'continue';
  }
  if (handler.destructive) session.destructiveRan = true;
  session.ui.step(handler, '↳', session.t('phase.handler'));
  session.ui.command(session.masker.mask(handler.command), []);
  const outcome = await executeCommandStep(session, handler, handler.command, 'handler', attemptsOf(session, handler.id) + 1);
  session.statuses.set(handler.id, outcome.status === 'succeeded' ? 'succeeded' : 'failed');
  if (outcome.status !== 'succeeded') {
    reportFailure(session, outcome);
    return false;
  }
  session.ui.result('ok', session.t('run.recovered', { step: step.id, handler: handler.id }));
  finish(session, step, 'recovered', 'flow', session.t('run.recovered', { step: step.id, handler: handler.id }));
  return true;
}
