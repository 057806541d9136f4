/**
 * The process runner, on `node:child_process`. It is the engine's only way
 * of starting a step, a condition or a precondition. Chosen over execa by
 * measurement (docs/architecture.md): per spawn it costs ≈1.3–2.3 ms less,
 * and the engine needs none of what execa adds on top (it streams bytes,
 * kills whole process groups itself and never buffers output).
 */
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { signalGroup } from './group.js';
import type { ExecRequest, ExecResult, ProcessRunner } from './runner.js';

/** How long a stopped step gets between SIGTERM and SIGKILL. */
export const KILL_GRACE_MS = 2000;
const STDERR_TAIL = 4096;

export function createProcessRunner(): ProcessRunner {
  return { run };
}

function run(request: ExecRequest): Promise<ExecResult> {
  const started = performance.now();
  const [file, ...flags] = request.shell;
  if (file === undefined) return Promise.resolve(notStarted(started, 'no shell'));
  const child = spawn(file, [...flags, '-c', request.command], {
    cwd: request.cwd,
    env: request.env,
    detached: !request.interactive,
    stdio: request.interactive ? 'inherit' : ['ignore', 'pipe', 'pipe'],
  });
  let spawnError: string | undefined;
  child.once('error', (error: NodeJS.ErrnoException) => {
    spawnError = error.code ?? error.message;
  });
  request.onStart?.(child.pid);
  const keep = request.keepStdout ?? 0;
  const kept: Buffer[] = [];
  let keptBytes = 0;
  let stderrTail: Buffer = Buffer.alloc(0);
  let outputBytes = 0;
  const deliver = (source: Readable, chunk: Buffer, stream: 'stdout' | 'stderr') => {
    outputBytes += chunk.length;
    const wait = request.onOutput?.(chunk, stream);
    if (wait) {
      source.pause();
      void wait.then(() => source.resume());
    }
  };
  const { stdout, stderr } = child;
  if (stdout) {
    stdout.on('data', (chunk: Buffer) => {
      if (keptBytes < keep) {
        const part = chunk.subarray(0, keep - keptBytes);
        kept.push(part);
        keptBytes += part.length;
      }
      deliver(stdout, chunk, 'stdout');
    });
  }
  if (stderr) {
    stderr.on('data', (chunk: Buffer) => {
      stderrTail = Buffer.concat([stderrTail, chunk]);
      if (stderrTail.length > STDERR_TAIL) stderrTail = stderrTail.subarray(stderrTail.length - STDERR_TAIL);
      deliver(stderr, chunk, 'stderr');
    });
  }

  let stopped: 'timed-out' | 'interrupted' | undefined;
  const kill = (signal: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    if (request.interactive) child.kill(signal);
    else signalGroup(child.pid, signal);
  };
  const stop = (why: 'timed-out' | 'interrupted') => {
    if (stopped) return;
    stopped = why;
    kill('SIGTERM');
    setTimeout(() => kill('SIGKILL'), KILL_GRACE_MS).unref();
  };
  const timer = request.timeoutMs !== undefined ? setTimeout(() => stop('timed-out'), request.timeoutMs) : undefined;
  const onAbort = () => stop('interrupted');
  request.signal?.addEventListener('abort', onAbort);
  if (request.signal?.aborted) onAbort();

  return new Promise((resolve) => {
    child.once('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      // The shell may exit while children it started in the background still hold the group.
      if (stopped && !request.interactive) kill('SIGKILL');
      if (spawnError !== undefined) {
        resolve(notStarted(started, spawnError));
        return;
      }
      resolve({
        status: stopped ?? (code === 0 ? 'succeeded' : 'failed'),
        exitCode: code,
        signal,
        durationMs: Math.round(performance.now() - started),
        stdout: Buffer.concat(kept, keptBytes).toString('utf8'),
        stderr: stderrTail.toString('utf8'),
        outputBytes,
      });
    });
  });
}

function notStarted(started: number, reason: string): ExecResult {
  return { status: 'failed', exitCode: 127, signal: null, durationMs: Math.round(performance.now() - started), stdout: '', stderr: '', outputBytes: 0, spawnError: reason };
}
