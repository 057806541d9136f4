/**
 * Runs one command step to its end: every attempt (`retry`/`delay`), health
 * polling (`wait`/`interval`), per-attempt `timeout`, the `expect` check and
 * `capture`. Output streams to the terminal and to a capped step log, masked.
 * Each attempt is journaled (started, with pid/pgid; finished, with status).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PausedError } from '../../errors.js';
import type { CommandStep } from '../../model.js';
import { reason, type Phase, type Reason } from '../../journal/events.js';
import { STEPS_DIR } from '../../journal/layout.js';
import type { ExecRequest, ExecResult } from '../../process/runner.js';
import type { RunContext } from '../context.js';
import { createStreamMasker } from '../mask.js';
import { openStepLog } from '../step-log.js';
import { referencedNames } from '../variables.js';
import { signalGroup } from '../../process/group.js';
import { escalationHint } from '../escalation.js';
import { capture, gaveUp, judge } from './judge.js';
import { attemptsOf } from './record.js';
import type { SessionChange } from '../session-dump.js';
import { carrySession, mayChangeSession, openSession } from '../session.js';

export interface StepOutcome {
  status: 'succeeded' | 'failed' | 'timed-out' | 'interrupted';
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  expectDiff?: string;
  reason?: Reason;
  /** A dry run's attempt: nothing was executed. */
  dryRun?: boolean;
}

const SHELLS: Record<string, string[]> = {
  sh: ['sh', '-e'],
  bash: ['bash', '-e', '-o', 'pipefail'],
  shell: ['bash', '-e', '-o', 'pipefail'],
  console: ['bash', '-e', '-o', 'pipefail'],
  zsh: ['zsh', '-e'],
};

export function shellFor(step: CommandStep, override: string | undefined): string[] {
  if (override) return SHELLS[override] ?? [override];
  return SHELLS[step.lang] ?? ['bash', '-e', '-o', 'pipefail'];
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((done) => {
    if (signal.aborted) return done();
    const timer = setTimeout(finish, ms);
    function finish() {
      clearTimeout(timer);
      signal.removeEventListener('abort', finish);
      done();
    }
    signal.addEventListener('abort', finish);
  });
}

export async function executeCommandStep(ctx: RunContext, step: CommandStep, command: string, phase: Phase): Promise<StepOutcome> {
  const fm = ctx.graph.runbook.frontMatter;
  // A `cd` in an earlier step carries over, like a terminal; the step's own `cwd` wins.
  const cwd = step.cwd !== undefined ? resolve(ctx.cwd, step.cwd) : ctx.journal.state.cwd ?? resolve(ctx.cwd, fm.cwd ?? '.');
  const missing = ctx.variables.firstUnavailable(referencedNames(`${command}\n${step.cwd ?? ''}`));
  if (missing) throw new PausedError('error.captureUnavailable', { name: missing.name, step: missing.step, at: step.id });
  if (!existsSync(cwd)) return { status: 'failed', exitCode: null, signal: null, durationMs: 0, reason: reason('reason.cwdMissing', { path: cwd }) };
  const attempts = 1 + step.retry;
  let outcome: StepOutcome = { status: 'failed', exitCode: null, signal: null, durationMs: 0 };
  for (let n = 1; n <= attempts; n++) {
    if (n > 1) {
      ctx.ui.result('info', ctx.t('run.retrying', { attempt: n, total: attempts, delay: Math.round(step.delayMs / 1000) }));
      await sleep(step.delayMs, ctx.stop.signal);
      if (ctx.stop.signal.aborted) break;
    }
    const attempt = attemptsOf(ctx, step.id) + 1;
    outcome = step.interactive ? await ctx.stop.foreground(() => runAttempt(ctx, step, command, phase, attempt, cwd)) : await runAttempt(ctx, step, command, phase, attempt, cwd);
    if (outcome.status === 'succeeded' || outcome.status === 'interrupted' || ctx.stop.signal.aborted) break;
  }
  return outcome;
}

async function runAttempt(ctx: RunContext, step: CommandStep, command: string, phase: Phase, attempt: number, cwd: string): Promise<StepOutcome> {
  const logName = `${String(ctx.journal.state.startedCount + 1).padStart(3, '0')}-${step.id}.${attempt}.log`;
  const log = openStepLog(join(ctx.runDir, STEPS_DIR, logName));
  // A secret capture's step is withheld whole: what it prints on stderr can hold the value as well as its stdout.
  const withheld = step.secretCapture;
  // Masked once per stream, then shown and logged.
  const masked = (stream: 'stdout' | 'stderr') =>
    createStreamMasker(ctx.masker, (data) => {
      ctx.ui.output(data, stream);
      log.write(data);
    });
  const screen = { stdout: masked('stdout'), stderr: masked('stderr') };
  const started = ctx.clock.now();
  const deadline = step.waitMs !== undefined ? started + step.waitMs : undefined;
  // Journaled, as a complete line, before anything is spawned: if it cannot be written the step does not start.
  ctx.journal.append({ type: 'step-started', step: step.id, phase, attempt, kind: 'command', command: ctx.masker.mask(command), log: `${STEPS_DIR}/${logName}` });
  let unrecorded: unknown;
  const shell = shellFor(step, ctx.graph.runbook.frontMatter.shell);
  // Only a script that can assign, export or cd pays for the session dump.
  const session = mayChangeSession(command) ? openSession(shell, join(ctx.runDir, STEPS_DIR, `${logName}.session`)) : undefined;
  const request: ExecRequest = {
    command,
    ...(session && { prelude: session.prelude, sessionFd: session.fd }),
    shell,
    cwd,
    env: ctx.variables.env(),
    interactive: step.interactive,
    keepStdout: step.capture !== undefined || step.expect ? 1024 * 1024 : 0,
    ...(step.timeoutMs !== undefined && { timeoutMs: step.timeoutMs }),
    // An interactive step owns the terminal: when the terminal goes, it goes too (the run is then left resumable).
    signal: step.interactive ? AbortSignal.any([ctx.stop.signal, ctx.stop.lost]) : ctx.stop.signal,
    onStart: (pid) => {
      if (pid === undefined) return;
      try {
        ctx.journal.append({ type: 'step-process', step: step.id, phase, attempt, pid, ...(!step.interactive && { pgid: pid }) });
      } catch (error) {
        // The journal cannot say which process this is: it is not left running unrecorded.
        unrecorded = error;
        if (step.interactive) process.kill(pid, 'SIGKILL');
        else signalGroup(pid, 'SIGKILL');
      }
    },
    onOutput: (chunk, stream) => {
      if (withheld) return undefined;
      screen[stream].write(chunk);
      return ctx.ui.drained();
    },
  };
  let result: ExecResult;
  let polls = 0;
  let change: SessionChange | undefined;
  try {
    for (;;) {
      polls++;
      session?.mark();
      if (!step.interactive) ctx.ui.running(escalationHint(ctx));
      result = await ctx.runner.run(request).finally(() => ctx.ui.idle());
      screen.stdout.flush();
      screen.stderr.flush();
      if (unrecorded !== undefined) throw unrecorded;
      if (result.status === 'succeeded' || result.status === 'interrupted' || deadline === undefined) break;
      // The check says the state will not come by itself: no more tries.
      if (gaveUp(step, result)) break;
      if (ctx.clock.now() + step.intervalMs > deadline) break;
      ctx.ui.result('info', ctx.t('run.waiting', { count: polls, interval: Math.round(step.intervalMs / 1000) }));
      await sleep(step.intervalMs, ctx.stop.signal);
      if (ctx.stop.signal.aborted) break;
    }
    if (result.status === 'succeeded') change = session?.read();
  } finally {
    session?.dispose();
  }
  if (withheld) log.write(`[${ctx.t('run.secretOutputHidden')}]\n`);
  const checked = await judge(ctx, step, result, polls, deadline !== undefined);
  const outputBytes = log.bytes;
  if (checked.fullDiff !== undefined) log.write(`\n${checked.fullDiff}`);
  log.close();
  if (checked.status === 'succeeded' && step.capture !== undefined) capture(ctx, step, step.capture, result.stdout);
  if (checked.status === 'succeeded' && change) carrySession(ctx, step, change);
  const durationMs = ctx.clock.now() - started;
  ctx.journal.append({
    type: 'step-finished', step: step.id, phase, attempt,
    status: checked.status === 'succeeded' ? 'succeeded' : checked.status === 'interrupted' ? 'interrupted' : 'failed',
    exitCode: result.exitCode, signal: result.signal,
    ...(checked.status === 'timed-out' && { timedOut: true }),
    durationMs, outputBytes,
    ...(log.written && { log: `${STEPS_DIR}/${logName}` }),
    ...(log.failure !== undefined && { logIncomplete: log.failure }),
    ...(checked.expectDiff !== undefined && { expectDiff: checked.expectDiff }),
    ...(checked.reason !== undefined && { reason: checked.reason }),
  });
  return { status: checked.status, exitCode: result.exitCode, signal: result.signal, durationMs, ...(checked.expectDiff !== undefined && { expectDiff: checked.expectDiff }), ...(checked.reason !== undefined && { reason: checked.reason }) };
}
