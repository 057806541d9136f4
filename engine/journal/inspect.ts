/**
 * Reading a journal for a listing (`runs`, `resume` choosing a run): never
 * throws. A journal that is empty (the engine was killed before its first
 * event) is reported as such; one with a bad line or no `run-started` is
 * damaged, with the reason as a `Reason`, and what could be read is kept, so
 * one bad run is listed as damaged and never hides or breaks the others.
 */
import { readFileSync } from 'node:fs';
import type { JournalEvent, Reason } from './events.js';
import { parseLine } from './read.js';

export interface InspectedJournal {
  /** The events that could be read, in order. */
  events: JournalEvent[];
  /** No event at all: the run was stopped before its first event. */
  empty: boolean;
  /** Why the journal is damaged (the first problem), when it is. */
  damage?: Reason;
}

function code(error: unknown): string {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : String(error);
}

export function inspectJournal(file: string): InspectedJournal {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { events: [], empty: false, damage: { key: 'damage.unreadable', data: { reason: code(error) } } };
  }
  if (text.trim() === '') return { events: [], empty: true };
  const lines = text.split('\n');
  const unfinished = lines.pop() ?? ''; // a torn last line is the normal trace of a crash, not damage
  const events: JournalEvent[] = [];
  let damage: Reason | undefined;
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const event = parseLine(line);
    if (event) events.push(event);
    else damage ??= { key: 'damage.line', data: { line: i + 1 } };
  });
  const last = unfinished.trim() === '' ? undefined : parseLine(unfinished);
  if (last) events.push(last);
  if (events.length === 0 && !damage && unfinished.trim() !== '') return { events, empty: true }; // only a torn first line
  if (!damage && !events.some((e) => e.type === 'run-started')) damage = { key: 'damage.noStart', data: {} };
  return { events, empty: false, ...(damage && { damage }) };
}

/** A run `resume` can pick up: a sound journal without `run-finished`. */
export function isResumable(file: string): boolean {
  const { events, empty, damage } = inspectJournal(file);
  return !empty && damage === undefined && !events.some((e) => e.type === 'run-finished');
}
