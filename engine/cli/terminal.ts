/**
 * The terminal as the CLI writes to it, guarded: when stdout or stderr goes
 * away (EPIPE: `runbook … | head` closed its end; EIO: the terminal closed)
 * nothing throws or prints a stack trace; later writes are dropped, anyone
 * waiting for `drain` is let go, and `lost` says why (the run loop then lets
 * the running step finish). SIGHUP is reported through `lose()`.
 */
import type { Stream } from './context.js';

interface RawStream extends Stream {
  on?(event: 'error', listener: (error: unknown) => void): unknown;
}

export interface Terminal {
  stdout: Stream;
  stderr: Stream;
  /** The stream as given (prompts draw on it themselves). */
  rawStdout: Stream;
  /** Aborted, with the reason (`EPIPE`, `EIO`, `SIGHUP`), once the terminal is gone. */
  readonly lost: AbortSignal;
  lose(why: string): void;
}

const GONE = new Set(['EPIPE', 'EIO', 'ECONNRESET', 'ERR_STREAM_DESTROYED', 'ENXIO']);

function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'EIO';
}

/** The guarded terminals of this process, told when the terminal goes away behind a library's back. */
const active = new Set<(why: string) => void>();

/**
 * An error a library could not handle because the terminal is gone (readline's
 * `setRawMode EIO` when the pty closes under a prompt): the terminals are told
 * (the run then stops, resumable) and it is not a crash. Anything else is.
 */
export function terminalGone(error: unknown): boolean {
  const code = codeOf(error);
  const gone = GONE.has(code) || (error instanceof Error && /\b(EIO|EPIPE|ENXIO)\b/.test(error.message));
  if (!gone) return false;
  for (const lose of active) lose(code === 'ERR_STREAM_DESTROYED' || code === 'ECONNRESET' ? 'EPIPE' : GONE.has(code) ? code : 'EIO');
  return true;
}

export function guardTerminal(rawOut: RawStream, rawErr: RawStream, stdin?: { on?(event: 'error', listener: (error: unknown) => void): unknown }): Terminal {
  const controller = new AbortController();
  const waiting = new Set<() => void>();
  const lose = (why: string) => {
    if (controller.signal.aborted) return;
    controller.abort(why);
    for (const release of waiting) release();
    waiting.clear();
  };
  active.add(lose);
  const onError = (error: unknown) => {
    const code = codeOf(error);
    lose(GONE.has(code) ? (code === 'ERR_STREAM_DESTROYED' || code === 'ECONNRESET' || code === 'ENXIO' ? 'EPIPE' : code) : code);
  };
  rawOut.on?.('error', onError);
  rawErr.on?.('error', onError);
  stdin?.on?.('error', onError);
  const guard = (raw: RawStream): Stream => ({
    write(chunk) {
      if (controller.signal.aborted) return true;
      try {
        return raw.write(chunk);
      } catch (error) {
        onError(error);
        return true;
      }
    },
    once(event, listener) {
      if (controller.signal.aborted) {
        queueMicrotask(listener);
        return undefined;
      }
      let called = false;
      const release = () => {
        waiting.delete(release);
        if (called) return;
        called = true;
        listener();
      };
      waiting.add(release);
      return raw.once?.(event, release);
    },
    get isTTY() {
      return raw.isTTY;
    },
    get columns() {
      return raw.columns;
    },
  });
  return { stdout: guard(rawOut), stderr: guard(rawErr), rawStdout: rawOut, lost: controller.signal, lose };
}
