/**
 * The head and tail of a step log, for the report. Logs are already capped
 * and masked by the engine; the report reads them only from inside the run
 * directory (a journal naming `../x` or `/etc/x`, or a symlink out, is not
 * followed), strips terminal escapes and shortens very long lines.
 */
import { lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

export interface Excerpt {
  head: string;
  tail: string;
  /** Lines left out between head and tail. */
  omittedLines: number;
}

export const EXCERPT_LINES = 40;
const MAX_LINE = 400;

/** The run directory's real path, resolved once per report (not once per step). */
const realRoots = new Map<string, string>();
function realRunDir(runDir: string): string {
  let root = realRoots.get(runDir);
  if (root === undefined) {
    root = realpathSync(runDir);
    realRoots.set(runDir, root);
  }
  return root;
}

/** The real path of `log` when it is a regular file inside `runDir`, else undefined. */
export function insideRunDir(runDir: string, log: string): string | undefined {
  if (isAbsolute(log)) return undefined;
  try {
    const root = realRunDir(runDir);
    // A step that printed nothing has no log: no exception thrown (and caught) per silent step.
    if (!lstatSync(resolve(root, log), { throwIfNoEntry: false })) return undefined;
    const file = realpathSync(resolve(root, log));
    const rel = relative(root, file);
    if (rel === '' || isAbsolute(rel) || rel.split(sep)[0] === '..') return undefined;
    return statSync(file).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Text safe to show: no ANSI escape sequences or control characters other than tab and newline.
 * A run of them is one match (a log of NUL bytes was one replacement per byte: 2 M of them for a
 * capped log, most of the report's time for that step).
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/(?:\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[\u0000-\u0008\u000b-\u001f\u007f])+/g, '');
}

function shorten(line: string): string {
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line;
}

export function readExcerpt(runDir: string, log: string, lines = EXCERPT_LINES): Excerpt | undefined {
  const file = insideRunDir(runDir, log);
  if (!file) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const all = printable(text.replace(/\r\n?/g, '\n')).replace(/\n+$/, '').split('\n').map(shorten);
  if (all.length === 1 && all[0] === '') return undefined;
  if (all.length <= lines * 2) return { head: all.join('\n'), tail: '', omittedLines: 0 };
  return { head: all.slice(0, lines).join('\n'), tail: all.slice(-lines).join('\n'), omittedLines: all.length - lines * 2 };
}

/** The last `count` lines of an excerpt: what an escalation ticket shows as "the last output". */
export function lastLines(excerpt: Excerpt, count: number): string {
  const text = excerpt.tail !== '' ? excerpt.tail : excerpt.head;
  return text.split('\n').slice(-count).join('\n');
}
