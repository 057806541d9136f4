/** The head and tail of a step log, for the report (logs are already capped and masked by the engine). */
import { readFileSync } from 'node:fs';

export interface Excerpt {
  head: string;
  tail: string;
  /** Lines left out between head and tail. */
  omittedLines: number;
}

export function readExcerpt(file: string, lines = 40): Excerpt | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const all = text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  if (all.length <= lines * 2) return { head: all.join('\n'), tail: '', omittedLines: 0 };
  return { head: all.slice(0, lines).join('\n'), tail: all.slice(-lines).join('\n'), omittedLines: all.length - lines * 2 };
}
