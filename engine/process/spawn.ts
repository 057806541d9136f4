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
import { constants } from 'node:os';
import type { Readable } from 'node:stream';
import { drainAfterExit } from './drain.js';
import { signalGroup } from './group.js';
import type { ExecRequest, ExecResult, ProcessRunner } from './runner.js';
import { servable, startShellServer, type ServedShell, type ShellServer } from './shell-server.js';

/** How long a stopped step gets between SIGTERM and SIGKILL. */
export const KILL_GRACE_MS = 2000;
const STDERR_TAIL = 4096;

/** A started shell, however it was started. */
interface Launched {
  pid: number | undefined;
  stdout: Readable | null;
  stderr: Readable | null;
  kill(signal: NodeJS.Signals): void;
  /** How it ended; `statusOnly` when a signal shows only as 128 + n in the status. */
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null; statusOnly?: boolean }>;
  spawnError(): string | undefined;
}

/**
 * The runner of one run: steps go through the run's shell server
 * (`shell-server.ts`) when it takes them, and are spawned otherwise. `close`
 * ends the server.
 */
export function createProcessRunner(): ProcessRunner {
  let server: ShellServer | undefined;
  let tried = false;
  return {
    async run(request) {
      const started = monotonicMs();
      if (request.shell[0] === undefined) return notStarted(started, 'no shell');
      // The first request a server could take starts it (a run whose first command is a `sh` step still gets one).
      if (!tried && servable(request)) {
        tried = true;
        server = startShellServer(request);
      }
      const served = server ? await server.launch(request) : undefined;
      return follow(request, started, served ? fromServer(served) : fromSpawn(request));
    },
    close() {
      server?.close();
      server = undefined;
    },
  };
}

function fromSpawn(request: ExecRequest): Launched {
  const [file, ...flags] = request.shell;
  const child = spawn(file ?? '', [...flags, '-c', request.prelude === undefined ? request.command : request.prelude + request.command], {
    cwd: request.cwd,
    env: request.env,
    detached: !request.interactive,
    stdio: stdioOf(request),
  });
  let spawnError: string | undefined;
  child.once('error', (error: NodeJS.ErrnoException) => {
    spawnError = error.code ?? error.message;
  });
  return {
    pid: child.pid,
    stdout: child.stdout,
    stderr: child.stderr,
    kill(signal) {
      if (child.pid === undefined) return;
      if (request.interactive) child.kill(signal);
      else signalGroup(child.pid, signal);
    },
    ended: new Promise((resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal }));
      // A shell that could not be started emits `close` without `exit`.
      child.once('close', (code, signal) => resolve({ code, signal }));
    }),
    spawnError: () => spawnError,
  };
}

function fromServer(served: ServedShell): Launched {
  return {
    pid: served.pid,
    stdout: served.stdout,
    stderr: served.stderr,
    kill: (signal) => signalGroup(served.pid, signal),
    // A server that went away mid-step leaves no status: the step failed, with none.
    ended: served.exited.then((status) => ({ code: status ?? null, signal: null, statusOnly: true })),
    spawnError: () => undefined,
  };
}

async function follow(request: ExecRequest, started: number, child: Launched): Promise<ExecResult> {
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
  const stop = (why: 'timed-out' | 'interrupted') => {
    if (stopped) return;
    stopped = why;
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS).unref();
  };
  const timer = request.timeoutMs !== undefined ? setTimeout(() => stop('timed-out'), request.timeoutMs) : undefined;
  const onAbort = () => stop('interrupted');
  request.signal?.addEventListener('abort', onAbort);
  if (request.signal?.aborted) onAbort();

  const ended = await child.ended;
  if (timer) clearTimeout(timer);
  request.signal?.removeEventListener('abort', onAbort);
  // A stopped step ends with its whole group, background children included.
  if (stopped && !request.interactive) child.kill('SIGKILL');
  // What the shell wrote before it exited is read to the end; what its background children write later is not.
  for (const [source, stream] of [[child.stdout, 'stdout'], [child.stderr, 'stderr']] as const) {
    if (source) await drainAfterExit(source, (chunk) => take(chunk, stream), () => pending.get(source));
  }
  const spawnError = child.spawnError();
  if (spawnError !== undefined) return notStarted(started, spawnError);
  const { code, signal } = stopped && ended.statusOnly ? bySignal(ended.code) : ended;
  return {
    status: stopped ?? (code === 0 ? 'succeeded' : 'failed'),
    exitCode: code,
    signal,
    durationMs: Math.round(monotonicMs() - started),
    stdout: Buffer.concat(kept, keptBytes).toString('utf8'),
    stderr: stderrTail.toString('utf8'),
    outputBytes,
  };
}

/** A stopped step's status as the signal that ended it (128 + n), as a spawned shell reports it. */
function bySignal(code: number | null): { code: number | null; signal: NodeJS.Signals | null } {
  if (code === null || code <= 128) return { code, signal: null };
  for (const [name, n] of Object.entries(constants.signals)) if (n === code - 128 && isSignal(name)) return { code: null, signal: name };
  return { code, signal: null };
}

function isSignal(name: string): name is NodeJS.Signals {
  return Object.hasOwn(constants.signals, name);
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
