/**
 * Reads a journal back. A crash (kill -9) can leave the last line torn: it
 * is dropped and reported, never fatal. A bad line in the middle means the
 * file was edited or corrupted: that is an error naming the line.
 *
 * Journals written before schema 2 held translated sentences where events
 * now hold message keys: those are read as `reason.legacy` reasons (shown as
 * written) or, for decisions, as the operator's text (`upgrade.ts`).
 */
import { readFileSync } from 'node:fs';
import { LoadError } from '../errors.js';
import type { JournalEvent } from './events.js';
import { upgradeEvent } from './upgrade.js';

export interface JournalContents {
  events: JournalEvent[];
  /** True when the last line was incomplete (the writer died mid-append) and was dropped. */
  tornLine: boolean;
}

/** One line → an event (upgraded), or undefined when it is not one. */
export function parseLine(line: string): JournalEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  return upgradeEvent(value);
}

export function parseJournal(text: string, file: string): JournalContents {
  const lines = text.split('\n');
  // After the last '\n' there is either nothing or a line the writer never finished.
  const unfinished = lines.pop() ?? '';
  const events: JournalEvent[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const event = parseLine(line);
    if (!event) throw new LoadError('error.journalCorrupt', { file, line: i + 1 });
    events.push(event);
  });
  let tornLine = false;
  if (unfinished.trim() !== '') {
    const event = parseLine(unfinished);
    if (event) events.push(event);
    else tornLine = true;
  }
  return { events, tornLine };
}

export function readJournal(file: string): JournalContents {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new LoadError('error.journalMissing', { file }, { cause: error });
  }
  return parseJournal(text, file);
}
