/** Finding the run to resume, and making its journal appendable again after a crash. */
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LoadError } from '../errors.js';
import { isResumable } from '../journal/inspect.js';
import { JOURNAL_FILE, listRunIds, runDir as runDirOf } from '../journal/layout.js';
import { readJournal } from '../journal/read.js';

export function findResumable(stateDir: string, runId: string | undefined): string {
  const ids = listRunIds(stateDir);
  if (runId !== undefined) {
    if (!ids.includes(runId)) throw new LoadError('error.unknownRun', { run: runId, dir: stateDir });
    return runId;
  }
  const open = ids.filter((id) => isResumable(join(runDirOf(stateDir, id), JOURNAL_FILE))); // a damaged journal never blocks the others
  const latest = open.pop();
  if (!latest) throw new LoadError('error.noUnfinishedRun', { dir: stateDir });
  return latest;
}

/** Drops a torn last line (kept aside in `journal.torn`) so appends start on a clean line; true when there was one. */
export function repairJournal(file: string): boolean {
  const { events, tornLine } = readJournal(file);
  if (tornLine) {
    const text = readFileSync(file, 'utf8');
    const keep = text.lastIndexOf('\n') + 1;
    writeFileSync(`${file}.torn`, text.slice(keep), { mode: 0o600 });
    truncateSync(file, Buffer.byteLength(text.slice(0, keep)));
  } else if (!readFileSync(file, 'utf8').endsWith('\n') && events.length > 0) {
    writeFileSync(file, '\n', { flag: 'a' });
  }
  return tornLine;
}
