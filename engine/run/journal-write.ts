/**
 * The append-only journal: each event is one JSON line, written before
 * `append` returns. Writing is synchronous on purpose: ordering is total, the
 * line is in the kernel (visible to other processes, kept if the engine is
 * killed) before the engine moves on, and a crash loses at most the line being
 * written (which the reader tolerates).
 *
 * Every event that records an outcome or an operator's answer is also synced
 * (fdatasync) so it survives a power loss. `step-started` alone is not: it is
 * followed by the step's process, which a power loss kills too, so losing the
 * line only makes that step "not started" instead of "interrupted" — and both
 * run again on resume. That saves one disk sync per step.
 */
import { closeSync, fdatasyncSync, openSync, writeSync } from 'node:fs';
import { RunbookError } from '../errors.js';
import type { JournalEvent, NewEvent } from './events.js';

export interface Journal {
  append(event: NewEvent): JournalEvent;
  readonly events: readonly JournalEvent[];
  close(): void;
}

/** Events written without waiting for the disk (see above). */
const UNSYNCED: ReadonlySet<JournalEvent['type']> = new Set(['step-started']);

export class JournalWriteError extends RunbookError {
  override readonly name = 'JournalWriteError';
}

/**
 * @param now the clock for event times
 * @param sync how a line is made durable (fdatasync; injected by tests)
 */
export function openJournal(file: string, existing: JournalEvent[] = [], now: () => Date = () => new Date(), sync: (fd: number) => void = fdatasyncSync): Journal {
  let fd: number;
  try {
    fd = openSync(file, 'a', 0o600);
  } catch (error) {
    throw new JournalWriteError('error.journalWrite', { file, reason: (error as NodeJS.ErrnoException).code ?? String(error) }, { cause: error });
  }
  const events: JournalEvent[] = [...existing];
  let seq = existing.reduce((max, e) => Math.max(max, e.seq), 0);
  return {
    events,
    append(event) {
      const full = { seq: ++seq, at: now().toISOString(), ...event } as JournalEvent;
      try {
        writeSync(fd, `${JSON.stringify(full)}\n`);
        if (!UNSYNCED.has(full.type)) sync(fd); // data and the file size reach the disk before the engine moves on
      } catch (error) {
        throw new JournalWriteError('error.journalWrite', { file, reason: (error as NodeJS.ErrnoException).code ?? String(error) }, { cause: error });
      }
      events.push(full);
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
