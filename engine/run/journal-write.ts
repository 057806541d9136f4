/**
 * The append-only journal: each event is one JSON line, written and synced (fdatasync)
 * before `append` returns, so what the operator saw acknowledged is on disk.
 * Writing is synchronous on purpose: ordering is total and a crash loses at
 * most the line being written (which the reader tolerates).
 */
import { closeSync, fdatasyncSync, openSync, writeSync } from 'node:fs';
import { RunbookError } from '../errors.js';
import type { JournalEvent, NewEvent } from './events.js';

export interface Journal {
  append(event: NewEvent): JournalEvent;
  readonly events: readonly JournalEvent[];
  close(): void;
}

export class JournalWriteError extends RunbookError {
  override readonly name = 'JournalWriteError';
}

export function openJournal(file: string, existing: JournalEvent[] = [], now: () => Date = () => new Date()): Journal {
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
        fdatasyncSync(fd); // data and the file size reach the disk before the engine moves on
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
