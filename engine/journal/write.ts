/**
 * The append-only journal: each event is one JSON line, written before
 * `append` returns. Writing is synchronous on purpose: ordering is total, the
 * line is in the kernel (visible to other processes, kept if the engine is
 * killed) before the engine moves on, and a crash loses at most the line being
 * written (which the reader tolerates). A short write is continued until the
 * line is whole; a write that fails (a full disk) stops the run
 * (`JournalWriteError`, naming the file and the bytes not written): the part
 * of the line that did get written is cut off again, and nothing more is
 * appended, so the journal stays whole and the run resumable.
 *
 * Every event that records an outcome or an operator's answer is also synced
 * (fdatasync) so it survives a power loss. `step-started` and automatic
 * decisions are not: they are followed by the step's process, which a power
 * loss kills too, and the next synced event carries them to the disk. That
 * saves one disk sync per step. Nor is a dry run's `step-finished` (status `dry-run`): nothing
 * ran, so there is no outcome to lose; a dry run of 22,000 steps is not 22,000 disk syncs.
 *
 * The journal keeps the run's state (`fold.ts`) up to date as it appends.
 */
import { closeSync, fdatasyncSync, fstatSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { RunbookError } from '../errors.js';
import type { JournalEvent, NewEvent } from './events.js';
import { applyEvent, emptyRunState, type RunState } from './fold.js';

export interface Journal {
  append(event: NewEvent): JournalEvent;
  /** The run's state after every event appended so far (read only). */
  readonly state: Readonly<RunState>;
  readonly file: string;
  close(): void;
}

export class JournalWriteError extends RunbookError {
  override readonly name = 'JournalWriteError';
}

function needsSync(event: JournalEvent): boolean {
  if (event.type === 'step-started' || event.type === 'step-process') return false;
  // A step shown in a dry run ran nothing: losing its line loses no outcome (a resume shows it again), and the next synced event carries it.
  if (event.type === 'step-finished' && event.status === 'dry-run') return false;
  return !(event.type === 'decision' && event.automatic);
}

type Write = (fd: number, data: Buffer, offset: number, length: number) => number;

function writeAll(fd: number, data: Buffer, write: Write): void {
  let offset = 0;
  while (offset < data.length) offset += write(fd, data, offset, data.length - offset);
}

export interface JournalOptions {
  /** The state folded from the events already in the file (resume). */
  state?: RunState;
  /** The clock for event times. */
  now?: () => Date;
  /** How a line is made durable (fdatasync; injected by tests). */
  sync?: (fd: number) => void;
  /** How bytes are written (writeSync; injected by tests to simulate short writes and a full disk). */
  write?: Write;
}

export function openJournal(file: string, options: JournalOptions = {}): Journal {
  const now = options.now ?? (() => new Date());
  const sync = options.sync ?? fdatasyncSync;
  const write: Write = options.write ?? ((fd, data, offset, length) => writeSync(fd, data, offset, length));
  let fd: number;
  try {
    fd = openSync(file, 'a', 0o600);
  } catch (error) {
    throw new JournalWriteError('error.journalOpen', { file, reason: errorCode(error) }, { cause: error });
  }
  let size = fstatSync(fd).size;
  let broken: JournalWriteError | undefined;
  const state = options.state ?? emptyRunState();
  return {
    file,
    state,
    append(event) {
      if (broken) throw broken;
      const full: JournalEvent = { seq: state.lastSeq + 1, at: now().toISOString(), ...event };
      const line = Buffer.from(`${JSON.stringify(full)}\n`);
      try {
        writeAll(fd, line, write);
        if (needsSync(full)) sync(fd); // data and the file size reach the disk before the engine moves on
      } catch (error) {
        broken = new JournalWriteError('error.journalWrite', { file, bytes: line.length, reason: errorCode(error) }, { cause: error });
        try {
          ftruncateSync(fd, size); // no torn line left behind for a later append to follow
        } catch {
          // the reader sets a torn last line aside
        }
        throw broken;
      }
      size += line.length;
      applyEvent(state, full);
      return full;
    },
    close() {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
    },
  };
}

function errorCode(error: unknown): string {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : String(error);
}
