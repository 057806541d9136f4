/**
 * Runs one command step to its end: every attempt (`retry`/`delay`), health
 * polling (`wait`/`interval`), per-attempt `timeout`, the `expect` check and
 * `capture`. Output streams to the terminal and to a capped step log, masked.
 * Each attempt is journaled (started, with pid/pgid; finished, with status).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CommandStep } from '../model.js';
import type { Phase } from './events.js';
import type { ExecResult } from './exec.js';
import { checkExpectation } from './expect.js';
import { createStreamMasker } from './mask.js';
import type { RunSession } from './session.js';
import { openStepLog } from './step-log.js';
import { commandEnv } from './variables.js';
import { STEPS_DIR } from './state-dir.js';

export interface StepOutcome {
  status: 'succeeded' | 'failed' | 'timed-out' | 'interrupted';
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  expectDiff?: string;
  reason?: string;
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

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((done) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      done();
    });
  });

export async function executeCommandStep(session: RunSession, step: CommandStep, command: string, phase: Phase, firstAttempt = 1): Promise<StepOutcome> {
  const fm = session.graph.runbook.frontMatter;
  const cwd = resolve(session.cwd, step.cwd ?? fm.cwd ?? '.');
  if (!existsSync(cwd)) {
    return { status: 'failed', exitCode: null, signal: null, durationMs: 0, reason: session.t('run.cwdMissing', { path: cwd }) };
  }
  const attempts = 1 + step.retry;
  let outcome: StepOutcome = { status: 'failed', exitCode: null, signal: null, durationMs: 0 };
  session.stepAbort = new AbortController();
  session.foreground = step.interactive;
  for (let attempt = firstAttempt; attempt < firstAttempt + attempts; attempt++) {
    if (attempt > firstAttempt) {
      session.ui.result('info', session.t('run.retrying', { attempt: attempt - firstAttempt + 1, total: attempts, delay: Math.round(step.delayMs / 1000) }));
      await sleep(step.delayMs, session.stepAbort?.signal);
    }
    outcome = await runAttempt(session, step, command, phase, attempt, cwd);
    if (outcome.status === 'succeeded' || outcome.status === 'interrupted' || session.stepAbort?.signal.aborted) break;
  }
  delete session.stepAbort;
  session.foreground = false;
  return outcome;
}

async function runAttempt(session: RunSession, step: CommandStep, command: string, phase: Phase, attempt: number, cwd: string): Promise<StepOutcome> {
  const logName = `${String(++session.logCounter).padStart(3, '0')}-${step.id}.${attempt}.log`;
  const log = openStepLog(join(session.runDir, STEPS_DIR, logName));
  const hideStdout = step.secretCapture;
  // Masked once per stream, then shown and logged.
  const screen = createStreamMasker(session.masker, (data) => {
    session.ui.output(data, 'stdout');
    log.write(data);
  });
  const screenErr = createStreamMasker(session.masker, (data) => {
    session.ui.output(data, 'stderr');
    log.write(data);
  });
  const env = commandEnv({ base: session.baseEnv, envVars: session.environment?.spec.vars ?? {}, params: session.params, captures: session.captures });
  const started = session.now();
  const deadline = step.waitMs !== undefined ? started + step.waitMs : undefined;
  let result: ExecResult | undefined;
  let polls = 0;
  let stdoutTotal = '';
  for (;;) {
    polls++;
    let startedEvent = false;
    result = await session.runner.run({
      command,
      shell: shellFor(step, session.graph.runbook.frontMatter.shell),
      cwd,
      env,
      interactive: step.interactive,
      keepStdout: step.capture || step.expect ? 1024 * 1024 : 0,
      ...(step.timeoutMs !== undefined && { timeoutMs: step.timeoutMs }),
      ...(session.stepAbort && { signal: session.stepAbort.signal }),
      onStart: (pid) => {
        if (startedEvent) return;
        startedEvent = true;
        if (polls === 1) {
          session.journal.append({ type: 'step-started', step: step.id, phase, attempt, kind: 'command', command: session.masker.mask(command), ...(pid !== undefined && { pid, pgid: step.interactive ? undefined : pid }), log: `${STEPS_DIR}/${logName}` });
        }
      },
      onOutput: (chunk, stream) => {
        if (stream === 'stdout' && hideStdout) return undefined;
        (stream === 'stdout' ? screen : screenErr).write(chunk);
        return session.ui.drained();
      },
    });
    if (!startedEvent) session.journal.append({ type: 'step-started', step: step.id, phase, attempt, kind: 'command', command: session.masker.mask(command), log: `${STEPS_DIR}/${logName}` });
    screen.flush();
    screenErr.flush();
    stdoutTotal = result.stdout;
    if (result.status === 'succeeded' || result.status === 'interrupted' || deadline === undefined) break;
    if (session.now() + step.intervalMs > deadline) break;
    session.ui.result('info', session.t('run.waiting', { count: polls, interval: Math.round(step.intervalMs / 1000) }));
    await sleep(step.intervalMs, session.stepAbort?.signal);
    if (session.stepAbort?.signal.aborted) break;
  }
  if (hideStdout) log.write(`[${session.t('run.secretOutputHidden')}]\n`);
  log.close();
  let status: StepOutcome['status'] = result.status;
  let expectDiff: string | undefined;
  let reason = result.error;
  if (status === 'succeeded' && step.expect) {
    expectDiff = await checkExpectation(step.expect, stdoutTotal);
    if (expectDiff) {
      status = 'failed';
      expectDiff = session.masker.mask(expectDiff);
      reason = session.t('run.expectMismatch');
    }
  }
  if (status === 'failed' && deadline !== undefined && !expectDiff) reason = session.t('run.waitExhausted', { count: polls });
  if (status === 'succeeded' && step.capture) {
    const value = stdoutTotal.trim();
    session.captures[step.capture] = value;
    if (step.secretCapture) {
      session.secretNames.add(step.capture);
      session.masker.addSecret(value);
    }
    session.journal.append({ type: 'variable', step: step.id, name: step.capture, secret: step.secretCapture, ...(!step.secretCapture && { value: session.masker.mask(value) }) });
  }
  const durationMs = session.now() - started;
  session.journal.append({
    type: 'step-finished',
    step: step.id,
    phase,
    attempt,
    status: status === 'succeeded' ? 'succeeded' : status === 'interrupted' ? 'interrupted' : 'failed',
    exitCode: result.exitCode,
    signal: result.signal,
    ...(status === 'timed-out' && { timedOut: true }),
    durationMs,
    outputBytes: log.bytes,
    ...(log.written && { log: `${STEPS_DIR}/${logName}` }),
    ...(expectDiff !== undefined && { expectDiff }),
    ...(reason !== undefined && { reason }),
  });
  return { status, exitCode: result.exitCode, signal: result.signal, durationMs, ...(expectDiff !== undefined && { expectDiff }), ...(reason !== undefined && { reason }) };
}
