/**
 * Where runs are kept: `--state-dir`, else `RUNBOOK_STATE_DIR`, else
 * `$XDG_STATE_HOME/runbook` (default `~/.local/state/runbook`). Each run has
 * `<state>/runs/<run-id>/` holding `journal.jsonl`, `steps/*.log` and the
 * reports. Folders are 0700, files 0600: runs are private to their user.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const JOURNAL_FILE = 'journal.jsonl';
export const STEPS_DIR = 'steps';

export function stateDir(env: NodeJS.ProcessEnv, flag: string | undefined, cwd: string): string {
  if (flag) return resolve(cwd, flag);
  if (env.RUNBOOK_STATE_DIR) return resolve(cwd, env.RUNBOOK_STATE_DIR);
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'runbook');
}

export function runsDir(state: string): string {
  return join(state, 'runs');
}

export function runDir(state: string, runId: string): string {
  return join(runsDir(state), runId);
}

/** The random part of a run id: 96 bits, so two runs never share an id (and a journal), even in the same second. */
export function runIdRandom(): string {
  return randomBytes(12).toString('hex');
}

/** The runbook part of a run id. */
export function runSlug(runbookId: string): string {
  return runbookId.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'runbook';
}

/** Run ids sort by time: `20261122T184233Z-rb-01-<runIdRandom()>`. */
export function newRunId(runbookId: string, now: Date, random: string): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${runSlug(runbookId)}-${random}`;
}

/** Run ids present under the state directory, oldest first. */
export function listRunIds(state: string): string[] {
  const dir = runsDir(state);
  if (!existsSync(dir)) return [];
  const runs: { id: string; stamp: string; born: number }[] = [];
  for (const id of readdirSync(dir)) {
    try {
      if (!statSync(join(dir, id)).isDirectory()) continue;
      // Ids stamp whole seconds; two runs started in the same second order by their journal's creation.
      runs.push({ id, stamp: id.split('-')[0] ?? id, born: statSync(join(dir, id, JOURNAL_FILE)).birthtimeMs });
    } catch {
      // not a run folder (no journal), or removed while listing
    }
  }
  return runs
    .sort((a, b) => (a.stamp < b.stamp ? -1 : a.stamp > b.stamp ? 1 : a.born - b.born || (a.id < b.id ? -1 : 1)))
    .map((r) => r.id);
}
