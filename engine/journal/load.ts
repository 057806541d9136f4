/** A run as its journal tells it: the events (upgraded) and the state they fold to. */
import { join } from 'node:path';
import type { JournalEvent } from './events.js';
import { foldEvents, type RunState } from './fold.js';
import { JOURNAL_FILE } from './layout.js';
import { readJournal } from './read.js';
import { completeLegacyStart } from './upgrade.js';

export interface LoadedRun {
  runDir: string;
  events: JournalEvent[];
  state: RunState;
  tornLine: boolean;
}

/** Reads and folds a run's journal; a journal from before schema 2 gets its steps from its source. */
export async function loadRun(runDir: string): Promise<LoadedRun> {
  const { events, tornLine } = readJournal(join(runDir, JOURNAL_FILE));
  const started = events.find((e) => e.type === 'run-started');
  if (started?.type === 'run-started') await completeLegacyStart(started);
  return { runDir, events, state: foldEvents(events), tornLine };
}
