/**
 * The end of a command's output, once its shell has exited. The shell's own
 * last bytes are already in the pipe (a write completes before the process
 * can exit), but processes it started in the background may hold the pipe
 * open for ever. So nothing here waits on the clock or for the pipe's end:
 * what Node has buffered is taken, then the pipe itself is read without
 * blocking until it is empty, and from then on whatever the background
 * processes write is read and discarded (never closed on them: a daemon that
 * logs to its stdout must not die of SIGPIPE), without keeping the engine
 * alive.
 */
import { readSync } from 'node:fs';
import { Socket } from 'node:net';
import type { Readable } from 'node:stream';

/** A pipe holds at most this much (Linux `pipe-max-size`); a chatty background writer cannot keep the engine reading. */
const MAX_AFTER_EXIT = 1024 * 1024;

export async function drainAfterExit(source: Readable, take: (chunk: Buffer) => Promise<void> | undefined, pending: () => Promise<void> | undefined): Promise<void> {
  if (source.readableEnded || source.destroyed) return;
  for (let wait = pending(); wait; wait = pending()) await wait;
  // From here this is the only reader, and a listener stays attached all along: Node resumes a
  // child's stdio streams on the tick after `exit` (child_process' flushStdio), and what flows
  // while no 'data' listener is attached is lost (up to 42 KB of 2 MB in 8 of 60 runs under
  // backpressure). So every chunk, whoever pulls it, lands in this queue first.
  const queue: Buffer[] = [];
  source.removeAllListeners('data');
  source.on('data', (chunk: unknown) => {
    if (Buffer.isBuffer(chunk)) queue.push(chunk);
  });
  source.pause();
  const fd = pipeFd(source);
  // A read libuv already started is delivered on a later turn of the event loop: the pipe counts
  // as empty only after two turns in a row brought nothing (no clock involved).
  for (let total = 0, idle = 0; total < MAX_AFTER_EXIT && idle < 2; ) {
    while (source.read() !== null); // read() hands each chunk to the 'data' listener: the queue
    const fresh = fd === undefined ? undefined : readNow(fd); // newer than what Node had buffered
    if (fresh) queue.push(fresh);
    let got = false;
    for (let chunk = queue.shift(); chunk !== undefined; chunk = queue.shift()) {
      got = true;
      total += chunk.length;
      await take(chunk);
    }
    if (got) idle = 0;
    else {
      idle++;
      await new Promise<void>((next) => setImmediate(next));
    }
  }
  source.removeAllListeners('data');
  source.on('data', discard);
  source.resume();
  if (source instanceof Socket) source.unref();
}

function discard(): void {
  // a background process's output after its step ended
}

/** The pipe's file descriptor (Node keeps it on the stream's handle); undefined once closed or where there is none. */
function pipeFd(source: Readable): number | undefined {
  const handle: unknown = Reflect.get(source, '_handle');
  if (typeof handle !== 'object' || handle === null || !('fd' in handle)) return undefined;
  return typeof handle.fd === 'number' && handle.fd >= 0 ? handle.fd : undefined;
}

/** One buffer for every read: most reads find the pipe empty, and a fresh 64 KiB each time was ≈256 KiB of garbage a step. */
const scratch = Buffer.allocUnsafe(64 * 1024);

/** What the pipe holds right now (a copy): undefined when it is empty (EAGAIN), at its end, or unreadable. */
function readNow(fd: number): Buffer | undefined {
  try {
    const n = readSync(fd, scratch, 0, scratch.length, null);
    return n > 0 ? Buffer.from(scratch.subarray(0, n)) : undefined;
  } catch {
    return undefined;
  }
}
