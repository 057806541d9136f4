/**
 * The process runner, on `node:child_process`. It is the engine's only way
 * of starting a step, a condition or a precondition. Chosen over execa by
 * measurement (docs/architecture.md): per spawn it costs ≈1.3–2.3 ms less,
 * and the engine needs none of what execa adds on top (it streams bytes,
 * kills whole process groups itself and never buffers output).
 *
 * A command is over when its shell exits, not when every holder of its
 * output pipes has closed them: processes it started in the background keep
 * running (a daemon is often the point), and their further output is
 * discarded (`drain.ts`).
 */
import { spawn, type StdioOptions } from 'node:child_process';
import type { Readable } from 'node:stream';
import { drainAfterExit } from './drain.js';
import { signalGroup } from './group.js';
import type { ExecRequest, ExecResult, ProcessRunner } from './runner.js';

/** How long a stopped step gets between SIGTERM and SIGKILL. */
export const KILL_GRACE_MS = 2000;
const STDERR_TAIL = 4096;

export function createProcessRunner(): ProcessRunner {
  return { run };
}

function run(request: ExecRequest): Promise<ExecResult> {
  const started = monotonicMs();
  const [file, ...flags] = request.shell;
  if (file === undefined) return Promise.resolve(notStarted(started, 'no shell'));
  const child = spawn(file, [...flags, '-c', request.prelude === undefined ? request.command : request.prelude + request.command], {
    cwd: request.cwd,
    env: request.env,
    detached: !request.interactive,
    stdio: stdioOf(request),
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
  /** Takes one chunk; a returned promise is the consumer's backpressure. */
  const take = (chunk: Buffer, stream: 'stdout' | 'stderr'): Promise<void> | undefined => {
    if (stream === 'stdout' && keptBytes < keep) {
      const part = chunk.subarray(0, keep - keptBytes);
      kept.push(part);
      keptBytes += part.length;
    }
    if (stream === 'stderr') {
      stderrTail = Buffer.concat([stderrTail, chunk]);
      if (stderrTail.length > STDERR_TAIL) stderrTail = stderrTail.subarray(stderrTail.length - STDERR_TAIL);
    }
    outputBytes += chunk.length;
    return request.onOutput?.(chunk, stream) ?? undefined;
  };
  const pending = new Map<Readable, Promise<void>>();
  const listen = (source: Readable | null, stream: 'stdout' | 'stderr') => {
    source?.on('data', (chunk: Buffer) => {
      const wait = take(chunk, stream);
      if (!wait) return;
      source.pause();
      const resumed = wait.then(() => {
        pending.delete(source);
        if (!source.destroyed) source.resume();
      });
      pending.set(source, resumed);
    });
  };
  listen(child.stdout, 'stdout');
  listen(child.stderr, 'stderr');

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
    let done = false;
    const finish = async (code: number | null, signal: NodeJS.Signals | null) => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      // A stopped step ends with its whole group, background children included.
      if (stopped && !request.interactive) kill('SIGKILL');
      // What the shell wrote before it exited is read to the end; what its background children write later is not.
      for (const [source, stream] of [[child.stdout, 'stdout'], [child.stderr, 'stderr']] as const) {
        if (source) await drainAfterExit(source, (chunk) => take(chunk, stream), () => pending.get(source));
      }
      if (spawnError !== undefined) {
        resolve(notStarted(started, spawnError));
        return;
      }
      resolve({
        status: stopped ?? (code === 0 ? 'succeeded' : 'failed'),
        exitCode: code,
        signal,
        durationMs: Math.round(monotonicMs() - started),
        stdout: Buffer.concat(kept, keptBytes).toString('utf8'),
        stderr: stderrTail.toString('utf8'),
        outputBytes,
      });
    };
    child.once('exit', (code, signal) => void finish(code, signal));
    // A shell that could not be started emits `close` without `exit`.
    child.once('close', (code, signal) => void finish(code, signal));
  });
}

/** The step's descriptors: 0–2, and its session file as 7 when it has one. */
function stdioOf(request: ExecRequest): StdioOptions {
  const base: ('inherit' | 'ignore' | 'pipe')[] = request.interactive ? ['inherit', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'];
  if (request.sessionFd === undefined) return base;
  return [...base, 'ignore', 'ignore', 'ignore', 'ignore', request.sessionFd];
}

/** Milliseconds on the monotonic clock (`process.hrtime`: the global `performance` loads ten more built-in modules at start-up). */
function monotonicMs(): number {
  return Number(process.hrtime.bigint() / 1000n) / 1000;
}

function notStarted(started: number, reason: string): ExecResult {
  return { status: 'failed', exitCode: 127, signal: null, durationMs: Math.round(monotonicMs() - started), stdout: '', stderr: '', outputBytes: 0, spawnError: reason };
}
