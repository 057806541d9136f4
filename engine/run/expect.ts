/** Checks a step's output against its expect block; a mismatch comes back as a unified diff. */
import type { Expectation } from '../model.js';
import { matchRegex, REGEX_BUDGET_MS } from './expect-regex.js';

function clean(text: string): string[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n').map((l) => l.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export type ExpectResult = { ok: true } | { ok: false; diff: string } | { ok: false; overrunMs: number };

/** Whether the output matches; a regex gets `budgetMs` (the step's timeout, else 5 s) to decide. */
export async function checkExpectation(expect: Expectation, output: string, budgetMs = REGEX_BUDGET_MS): Promise<ExpectResult> {
  const actual = clean(output);
  const wanted = clean(expect.text);
  let ok: boolean;
  if (expect.mode === 'regex') {
    const matched = await matchRegex(expect.text.trim(), output, budgetMs);
    if (matched === 'overrun') return { ok: false, overrunMs: budgetMs };
    ok = matched;
  } else if (expect.mode === 'contains') {
    let at = 0;
    ok = wanted.every((line) => {
      const found = actual.findIndex((l, i) => i >= at && l.includes(line.trim()));
      if (found === -1) return false;
      at = found + 1;
      return true;
    });
  } else {
    ok = actual.join('\n') === wanted.join('\n');
  }
  if (ok) return { ok: true };
  const { createTwoFilesPatch } = await import('diff');
  return { ok: false, diff: createTwoFilesPatch('expected', 'actual', `${wanted.join('\n')}\n`, `${actual.join('\n')}\n`, `(${expect.mode})`, '', { context: 3 }) };
}

/** The journal keeps at most this much of a diff; the step log has all of it. */
export const DIFF_MAX_LINES = 200;
export const DIFF_MAX_BYTES = 16 * 1024;

/** A diff cut to the journal's bound, with a marker saying how much was left out. */
export function boundDiff(diff: string): string {
  const lines = diff.split('\n');
  let bytes = 0;
  let kept = 0;
  while (kept < lines.length && kept < DIFF_MAX_LINES) {
    bytes += Buffer.byteLength(lines[kept] ?? '') + 1;
    if (bytes > DIFF_MAX_BYTES) break;
    kept++;
  }
  if (kept >= lines.length || (kept === lines.length - 1 && lines[kept] === '')) return diff;
  return `${lines.slice(0, kept).join('\n')}\n[… ${lines.length - kept} lines omitted …]\n`;
}
