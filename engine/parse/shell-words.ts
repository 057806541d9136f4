/**
 * A small shell word splitter (not a bash parser): a command's text →
 * simple commands (words split at `|`, `||`, `&&`, `;`, `&`, newlines and
 * parentheses), with quotes honoured and removed, `$(…)`/backquote bodies
 * split too, here-document bodies kept aside, and every `$VAR`/`${VAR…}`
 * reference and `<placeholder>` recorded with its offset. Enough to read
 * what a command does and which values it needs; `bash -n` has the last word
 * on whether it is valid.
 */
export interface ShellWord {
  /** The word with quotes removed. */
  text: string;
  start: number;
  end: number;
  /** Some part of the word was quoted. */
  quoted: boolean;
}

export interface VarRef {
  name: string;
  start: number;
  /** `${X:-…}`, `${X-…}`, `${X:=…}`, `${X:+…}`: the command copes with X unset. */
  guarded: boolean;
}

export interface AnglePlaceholder {
  /** The words between `<` and `>`. */
  inner: string;
  start: number;
  end: number;
  /** Written inside quotes: a literal, unless it is the whole value of an assignment. */
  quoted: boolean;
}

export interface ShellScan {
  commands: ShellWord[][];
  /** Indexes into `commands` of those reading a pipe (`a | b`: b). */
  piped: Set<number>;
  vars: VarRef[];
  placeholders: AnglePlaceholder[];
  /** Bodies of here-documents, with whether their delimiter was quoted (no expansion). */
  heredocs: { body: string; quoted: boolean }[];
}

import { heredocBodies, heredocStart, matching, type PendingHeredoc } from './shell-heredoc.js';

const OPERATOR_CHARS = new Set(['|', '&', ';', '(', ')', '\n']);
const PLACEHOLDER = /^<([A-Za-z][A-Za-z0-9 _.,:/'-]*[A-Za-z0-9_.'-]|[A-Za-z])>/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

export function scanShell(text: string): ShellScan {
  const scan: ShellScan = { commands: [], piped: new Set(), vars: [], placeholders: [], heredocs: [] };
  scanInto(text, 0, scan);
  return scan;
}

function scanInto(text: string, base: number, scan: ShellScan): void {
  let words: ShellWord[] = [];
  let word: ShellWord | undefined;
  const pendingHeredocs: PendingHeredoc[] = [];
  const endWord = () => {
    if (word) words.push(word);
    word = undefined;
  };
  let pipe = false;
  const endCommand = (next = false) => {
    endWord();
    if (words.length > 0) {
      if (pipe) scan.piped.add(scan.commands.length);
      scan.commands.push(words);
    }
    words = [];
    pipe = next;
  };
  const add = (chars: string, at: number, quoted = false) => {
    word ??= { text: '', start: base + at, end: base + at, quoted: false };
    word.text += chars;
    word.quoted ||= quoted;
    word.end = base + at + 1;
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '\\' && i + 1 < text.length) {
      if (text[i + 1] !== '\n') add(text[i + 1] as string, i + 1, true);
      i += 2;
      continue;
    }
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      const stop = close === -1 ? text.length : close;
      notePlaceholders(text.slice(i + 1, stop), base + i + 1, scan, true);
      add(text.slice(i + 1, stop), stop, true);
      if (!word) add('', i, true);
      i = stop + 1;
      continue;
    }
    if (c === '"') {
      i = doubleQuoted(text, i + 1, base, scan, (s, at) => add(s, at, true));
      if (!word) add('', i - 1, true);
      if (word) word.end = base + Math.min(i, text.length);
      continue;
    }
    if (c === '$') {
      i = dollar(text, i, base, scan, (s, at) => add(s, at));
      continue;
    }
    if (c === '`') {
      const close = text.indexOf('`', i + 1);
      const stop = close === -1 ? text.length : close;
      scanInto(text.slice(i + 1, stop), base + i + 1, scan);
      add(text.slice(i, stop + 1), stop);
      i = stop + 1;
      continue;
    }
    if (c === '#' && !word) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '<') {
      const placeholder = PLACEHOLDER.exec(text.slice(i));
      if (placeholder && text[i - 1] !== '<') {
        scan.placeholders.push({ inner: placeholder[1] as string, start: base + i, end: base + i + placeholder[0].length, quoted: false });
        add(placeholder[0], i + placeholder[0].length - 1);
        i += placeholder[0].length;
        continue;
      }
      if (text.startsWith('<<', i) && text[i + 2] !== '<') {
        endWord();
        i = heredocStart(text, i + 2, pendingHeredocs);
        continue;
      }
    }
    if (c === ' ' || c === '\t') {
      endWord();
      i++;
      continue;
    }
    if (OPERATOR_CHARS.has(c)) {
      endCommand(c === '|' && text[i + 1] !== '|' && text[i - 1] !== '|');
      i++;
      if (c === '\n' && pendingHeredocs.length > 0) i = heredocBodies(text, i, base, pendingHeredocs.splice(0), scan);
      continue;
    }
    add(c, i);
    i++;
  }
  endCommand();
}

function doubleQuoted(text: string, from: number, base: number, scan: ShellScan, add: (s: string, at: number) => void): number {
  let i = from;
  let literal = '';
  let literalAt = from;
  const flush = () => {
    if (literal !== '') notePlaceholders(literal, base + literalAt, scan, true);
    literal = '';
  };
  while (i < text.length && text[i] !== '"') {
    const c = text[i] as string;
    if (c === '\\' && i + 1 < text.length) {
      add(text[i + 1] as string, i + 1);
      i += 2;
      continue;
    }
    if (c === '$') {
      flush();
      i = dollar(text, i, base, scan, add);
      literalAt = i;
      continue;
    }
    if (literal === '') literalAt = i;
    literal += c;
    add(c, i);
    i++;
  }
  flush();
  return i + 1;
}

/** `$NAME`, `${NAME…}`, `$(…)`, `$((…))`, `$1`, `$?`…; returns the index after it. */
function dollar(text: string, at: number, base: number, scan: ShellScan, add: (s: string, at: number) => void): number {
  const next = text[at + 1];
  if (next === '(') {
    const close = matching(text, at + 1, '(', ')');
    const arithmetic = text[at + 2] === '(';
    const body = text.slice(at + (arithmetic ? 3 : 2), close);
    if (arithmetic) for (const m of body.matchAll(/\$?\b([A-Za-z_][A-Za-z0-9_]*)/g)) noteVar(scan, m[1] as string, base + at + 3 + (m.index ?? 0), true);
    else scanInto(body, base + at + 2, scan);
    add(text.slice(at, close + 1), close);
    return close + 1;
  }
  if (next === '{') {
    const close = matching(text, at + 1, '{', '}');
    const inner = text.slice(at + 2, close);
    const name = NAME.exec(inner.replace(/^[#!]/, ''));
    if (name) {
      const rest = inner.replace(/^[#!]/, '').slice(name[0].length);
      noteVar(scan, name[0], base + at, /^:?[-=+]/.test(rest));
      const operand = rest.replace(/^(:?[-=+?]|##?|%%?|\/\/?|\^\^?|,,?|:)/, '');
      if (operand !== rest && operand.includes('$')) scanInto(operand, base + at + 2 + (inner.length - operand.length), { ...scan, commands: [], piped: new Set() });
    }
    add(text.slice(at, close + 1), close);
    return close + 1;
  }
  const name = NAME.exec(text.slice(at + 1));
  if (name) {
    noteVar(scan, name[0], base + at, false);
    add(`$${name[0]}`, at + name[0].length);
    return at + 1 + name[0].length;
  }
  add(next !== undefined && /[0-9@*#?$!_-]/.test(next) ? `$${next}` : '$', at + 1);
  return at + (next !== undefined && /[0-9@*#?$!_-]/.test(next) ? 2 : 1);
}

export function noteVar(scan: ShellScan, name: string, start: number, guarded: boolean): void {
  scan.vars.push({ name, start, guarded });
}

function notePlaceholders(literal: string, base: number, scan: ShellScan, quoted: boolean): void {
  for (let i = literal.indexOf('<'); i !== -1; i = literal.indexOf('<', i + 1)) {
    const m = PLACEHOLDER.exec(literal.slice(i));
    if (m) scan.placeholders.push({ inner: m[1] as string, start: base + i, end: base + i + m[0].length, quoted });
  }
}
