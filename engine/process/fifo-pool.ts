/**
 * The shell server's output pipes: FIFO pairs in a private folder (made by
 * `mkdtemp`: a new name, 0700) on a file system in memory when there is
 * one, removed with the pool — or, after a kill -9, by the next run of the
 * same user.
 */
import { execFile } from 'node:child_process';
import { closeSync, constants, lstatSync, mkdtempSync, openSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pidAlive } from './group.js';

const FIFO_BATCH = 128;
const FIRST_BATCH = 8;
const PREFIX = 'runbook-shells-';

export interface FifoPool {
  /** A FIFO pair, opened for reading; undefined when none could be made. */
  take(): Promise<OutputPipes | undefined>;
  /** Removes the folder (now, or when a batch being made is done). */
  close(): void;
}

export interface OutputPipes {
  stdout: Readable;
  stderr: Readable;
  /** Where the step's subshell opens them; undefined for the server's own pipes. */
  paths: { stdout: string; stderr: string } | undefined;
  /** Once the step has opened its ends: the engine's placeholder writers go, so the pipes end when the step's last writer does. */
  release(): void;
}

/**
 * FIFO pairs for the steps' output, made in batches by one
 * `mkfifo` (Node has no call for it) in the private directory. The engine
 * opens the read end without blocking and holds a write end of its own until
 * the step has opened its end (a FIFO with no writer reads as ended);
 * each FIFO is unlinked as soon as both ends are open.
 */
export function openFifoPool(): FifoPool {
  const base = fifoBase();
  sweep(base);
  const dir = mkdtempSync(join(base, `${PREFIX}${process.pid}-`));
  const cleanUp = () => {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // a batch of FIFOs still being made: that batch removes the directory when it is done
    }
  };
  process.once('exit', cleanUp);
  const ready: string[] = [];
  let made = 0;
  let filling: Promise<void> | undefined;
  let closed = false;
  // A run of one step makes none (it has the server's own pipes); the second step waits for a few, and
  // the rest are made in the background, a batch ahead.
  const fill = () => {
    filling ??= new Promise<void>((resolve) => {
      const names = Array.from({ length: made === 0 ? FIRST_BATCH * 2 : FIFO_BATCH * 2 }, () => join(dir, String(made++)));
      execFile('mkfifo', ['-m', '600', '--', ...names], (error) => {
        filling = undefined;
        if (closed) cleanUp();
        else if (!error) ready.push(...names);
        resolve();
      });
    });
    return filling;
  };
  const open = (path: string): { stream: Readable; hold: number } => {
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
    let hold: number;
    try {
      hold = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    return { stream: new Socket({ fd, readable: true, writable: false }), hold };
  };
  return {
    async take() {
      if (ready.length < 2) await fill();
      const outPath = ready.shift();
      const errPath = ready.shift();
      if (outPath === undefined || errPath === undefined) return undefined;
      if (ready.length < FIFO_BATCH) void fill();
      const out = open(outPath);
      const err = open(errPath);
      let held = true;
      return {
        stdout: out.stream,
        stderr: err.stream,
        paths: { stdout: outPath, stderr: errPath },
        release() {
          if (!held) return;
          held = false;
          closeSync(out.hold);
          closeSync(err.hold);
          for (const path of [outPath, errPath]) {
            try {
              unlinkSync(path);
            } catch {
              // already gone with the directory
            }
          }
        },
      };
    },
    close() {
      closed = true;
      cleanUp();
      process.removeListener('exit', cleanUp);
    },
  };
}

/**
 * Where the FIFO directory goes: a file system in memory when there is one
 * (making a FIFO on a journaling disk cost 0.1–0.3 ms here, on tmpfs 23 µs):
 * the user's runtime directory, else `/dev/shm`, else the temporary directory.
 * The directory itself is made by `mkdtemp` (a new name, 0700), so a shared
 * parent is safe.
 */
export function fifoBase(): string {
  const runtime = process.env['XDG_RUNTIME_DIR'];
  const uid = process.getuid?.();
  for (const [candidate, mustOwn] of [[runtime, true], ['/dev/shm', false]] as const) {
    if (candidate === undefined || candidate === '') continue;
    try {
      const st = lstatSync(candidate);
      if (st.isDirectory() && (!mustOwn || (st.uid === uid && (st.mode & 0o077) === 0))) return candidate;
    } catch {
      // not there
    }
  }
  return tmpdir();
}

/**
 * Removes the FIFO directories of runs that ended without removing theirs (a
 * kill -9): only directories, not links, owned by this user, whose process is
 * gone.
 */
function sweep(base: string): void {
  const uid = process.getuid?.();
  let names: string[];
  try {
    names = readdirSync(base).filter((name) => name.startsWith(PREFIX));
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(name.slice(PREFIX.length).split('-')[0]);
    if (!Number.isInteger(pid) || pid <= 0 || pidAlive(pid)) continue;
    const path = join(base, name);
    try {
      const st = lstatSync(path);
      if (st.isDirectory() && st.uid === uid) rmSync(path, { recursive: true, force: true });
    } catch {
      // gone already, or not ours to remove
    }
  }
}
