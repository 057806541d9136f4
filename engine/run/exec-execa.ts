/** The real `ProcessRunner`, on execa. */
import { execa } from 'execa';
import { signalGroup, type ExecRequest, type ExecResult, type ProcessRunner } from './exec.js';

const KILL_GRACE_MS = 2000;

export function createExecaRunner(): ProcessRunner {
  return { run };
}

async function run(request: ExecRequest): Promise<ExecResult> {
  const started = performance.now();
  const [file, ...flags] = request.shell as [string, ...string[]];
  const child = execa(file, [...flags, '-c', request.command], {
    cwd: request.cwd,
    env: request.env,
    extendEnv: false,
    reject: false,
    buffer: false,
    stripFinalNewline: false,
    detached: !request.interactive,
    cleanup: false,
    stdin: request.interactive ? 'inherit' : 'ignore',
    stdout: request.interactive ? 'inherit' : 'pipe',
    stderr: request.interactive ? 'inherit' : 'pipe',
  });
  request.onStart?.(child.pid);
  let outputBytes = 0;
  let stdout = '';
  const keep = request.keepStdout ?? 0;
  let stderrTail = '';
  const deliver = (source: NodeJS.ReadableStream, chunk: Buffer, stream: 'stdout' | 'stderr') => {
    const wait = request.onOutput?.(chunk, stream);
    if (wait) {
      source.pause();
      void wait.then(() => source.resume());
    }
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    outputBytes += chunk.length;
    if (keep > 0 && stdout.length < keep) stdout += chunk.toString('utf8').slice(0, keep - stdout.length);
    deliver(child.stdout as NodeJS.ReadableStream, chunk, 'stdout');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    outputBytes += chunk.length;
    stderrTail = (stderrTail + chunk.toString('utf8')).slice(-4096);
    deliver(child.stderr as NodeJS.ReadableStream, chunk, 'stderr');
  });

  let stopped: 'timed-out' | 'interrupted' | undefined;
  const stop = (why: 'timed-out' | 'interrupted') => {
    if (stopped || child.pid === undefined) return;
    stopped = why;
    if (request.interactive) child.kill('SIGTERM');
    else signalGroup(child.pid, 'SIGTERM');
    const pid = child.pid;
    setTimeout(() => (request.interactive ? child.kill('SIGKILL') : signalGroup(pid, 'SIGKILL')), KILL_GRACE_MS).unref();
  };
  const timer = request.timeoutMs !== undefined ? setTimeout(() => stop('timed-out'), request.timeoutMs) : undefined;
  const onAbort = () => stop('interrupted');
  request.signal?.addEventListener('abort', onAbort);
  if (request.signal?.aborted) onAbort();

  const result = await child;
  if (timer) clearTimeout(timer);
  request.signal?.removeEventListener('abort', onAbort);
  // The shell may exit while children it started in the background still hold the group.
  if (!request.interactive && child.pid !== undefined && stopped) signalGroup(child.pid, 'SIGKILL');
  const exitCode = typeof result.exitCode === 'number' ? result.exitCode : null;
  const signal = result.signal ?? null;
  const failedToStart = result.failed && exitCode === null && signal === null;
  return {
    status: stopped ?? (exitCode === 0 ? 'succeeded' : 'failed'),
    exitCode: failedToStart ? 127 : exitCode,
    signal,
    durationMs: Math.round(performance.now() - started),
    stdout,
    stderr: stderrTail,
    outputBytes,
    ...(failedToStart && { error: result.shortMessage ?? result.message }),
  };
}
