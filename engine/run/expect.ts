/** Checks a step's output against its expect block; a mismatch comes back as a unified diff. */
import type { Expectation } from '../model.js';

function clean(text: string): string[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n').map((l) => l.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Returns undefined when the output matches, else a unified diff (expected → actual). */
export async function checkExpectation(expect: Expectation, output: string): Promise<string | undefined> {
  const actual = clean(output);
  const wanted = clean(expect.text);
  let ok: boolean;
  if (expect.mode === 'regex') {
    ok = new RegExp(expect.text.trim(), 'm').test(output);
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
  if (ok) return undefined;
  const { createTwoFilesPatch } = await import('diff');
  return createTwoFilesPatch('expected', 'actual', `${wanted.join('\n')}\n`, `${actual.join('\n')}\n`, `(${expect.mode})`, '', { context: 3 });
}
