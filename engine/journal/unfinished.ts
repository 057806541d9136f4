/**
 * Runs of one runbook and environment that did not finish (stopped, or their
 * engine died): a new `play` says so and, attended, offers to resume. Cheap
 * on a large state directory: only folders named for the runbook are looked
 * at, and of each journal only its first line and its end are read.
 */
import { closeSync, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { JOURNAL_FILE, runsDir, runSlug } from './layout.js';

const EDGE = 64 * 1024;

function readEdges(file: string): { head: string; tail: string } | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(size, EDGE));
    readSync(fd, head, 0, head.length, 0);
    const tailLength = Math.min(size, EDGE);
    const tail = Buffer.alloc(tailLength);
    readSync(fd, tail, 0, tailLength, size - tailLength);
    return { head: head.toString('utf8'), tail: tail.toString('utf8') };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function parse(line: string | undefined): Record<string, unknown> | undefined {
  if (line === undefined || line.trim() === '') return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? { ...value } : undefined;
  } catch {
    return undefined;
  }
}

/** The newest unfinished real run of `runbookId` in environment `env` (undefined: none), looking at most at the newest `limit` runs of it. */
export function unfinishedRunOf(state: string, runbookId: string, env: string | undefined, limit = 50): string | undefined {
  let names: string[];
  try {
    names = readdirSync(runsDir(state));
  } catch {
    return undefined;
  }
  const infix = `-${runSlug(runbookId)}-`;
  const candidates = names.filter((n) => n.includes(infix)).sort().reverse().slice(0, limit);
  for (const id of candidates) {
    const edges = readEdges(join(runsDir(state), id, JOURNAL_FILE));
    if (!edges) continue;
    const first = parse(edges.head.split('\n', 1)[0]);
    if (first?.type !== 'run-started' || first.mode !== 'real' || first.env !== env) continue;
    const runbook = first.runbook;
    if (typeof runbook !== 'object' || runbook === null || !('id' in runbook) || runbook.id !== runbookId) continue;
    const lines = edges.tail.trimEnd().split('\n');
    const last = parse(lines[lines.length - 1]);
    if (last?.type === 'run-finished') continue;
    return id;
  }
  return undefined;
}
