/**
 * Making user-controlled text (commands, output, notes, titles) safe inside
 * a Markdown report: fenced blocks with a fence longer than any backtick run
 * inside, code spans that cannot be closed early, inline text that cannot
 * start markup or raw HTML, table cells that cannot split the row.
 */

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/** A code fence (```` ``` ````or longer) that no line of `text` can close. */
export function fence(text: string): string {
  return '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
}

/** A fenced block: the info string, the text, and a fence that the text cannot close. */
export function fenced(text: string, info = ''): string {
  const f = fence(text);
  return `${f}${info}\n${text.replace(/\n+$/, '')}\n${f}`;
}

/** Inline code on one line, whatever backticks it holds. */
export function codeSpan(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ');
  if (flat === '') return '';
  const ticks = '`'.repeat(longestRun(flat, '`') + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

/** Plain inline text: Markdown punctuation and HTML are escaped, line breaks flattened. */
export function inline(text: string): string {
  // `_` inside a word (JWT_SECRET) starts no emphasis: only a `_` at a word's edge is escaped.
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/[\\`*[\]<>|~&]/g, (c) => `\\${c}`)
    .replace(/_+/g, (run, at: number, all: string) => (/\w/.test(all[at - 1] ?? '') && /\w/.test(all[at + run.length] ?? '') ? run : run.replace(/_/g, '\\_')));
}

/** Anything placed inside a table cell: a `|` (even inside a code span) must be escaped. */
export function cell(markdown: string): string {
  return markdown.replace(/(?<!\\)\|/g, '\\|');
}
