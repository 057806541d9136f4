/**
 * The two dumps a step's session file holds (one when the step starts, one from its EXIT trap,
 * each ended by the `END` marker line), read without running anything: bash's `declare -p`
 * quoting (`"…"`, `$'…'`) and POSIX `set`'s (`'…'`, `"…"`, `\\`), and what changed between them.
 */

/** What separates the start dump from the end dump. */
export const END = '__rb_end';

/** Names a shell maintains itself (or this prelude uses): never carried. */
const OWN = new Set([
  '_', 'PWD', 'OLDPWD', 'SHLVL', 'RANDOM', 'SRANDOM', 'SECONDS', 'EPOCHREALTIME', 'EPOCHSECONDS', 'LINENO', 'HISTCMD',
  'OPTIND', 'OPTARG', 'OPTERR', 'PPID', 'IFS', 'PS1', 'PS2', 'PS4', 'COLUMNS', 'LINES', 'COMP_WORDBREAKS', 'MAILCHECK', 'HOSTTYPE', 'MACHTYPE', 'OSTYPE',
]);
const PREFIX = '__rb_';

function own(name: string): boolean {
  return OWN.has(name) || name.startsWith(PREFIX) || name.startsWith('BASH');
}

export interface SessionChange {
  /** Variables the step set or changed, in the order the shell listed them. */
  vars: Map<string, string>;
  /** The directory the step ended in, when it is not the one it started in. */
  cwd?: string;
}

type Dump = Map<string, string>;

/** One variable read at `at` (`next`: where the next line starts), or undefined for a line that is not one. */
type ReadVar = (text: string, at: number, lineEnd: number) => { name: string; value?: string; next: number } | undefined;

/** The dumps in `text`, each ended by its marker line, read variable by variable with `read`. */
function dumps(text: string, read: ReadVar): Dump[] {
  const out: Dump[] = [];
  let vars: Dump = new Map();
  let at = 0;
  while (at < text.length) {
    const eol = text.indexOf('\n', at);
    const lineEnd = eol < 0 ? text.length : eol;
    if (lineEnd - at === END.length && text.startsWith(END, at)) {
      out.push(vars);
      vars = new Map();
      at = lineEnd + 1;
      continue;
    }
    const parsed = read(text, at, lineEnd);
    if (!parsed) {
      at = lineEnd + 1;
      continue;
    }
    if (parsed.value !== undefined) vars.set(parsed.name, parsed.value);
    at = parsed.next;
  }
  return out;
}

/** Two bash `declare -p` dumps, each followed by its end marker. */
export function diffBash(text: string): SessionChange | undefined {
  const [start, end] = dumps(text, (t, at) => (t.startsWith('declare -', at) ? declaration(t, at + 'declare -'.length) : undefined));
  return diff(start, end);
}

/** `FLAGS NAME[=VALUE]` of one `declare -p` line; arrays and read-only variables have no value here. */
function declaration(text: string, at: number): { name: string; value?: string; next: number } | undefined {
  const space = text.indexOf(' ', at);
  if (space < 0) return undefined;
  const flags = text.slice(at, space);
  let i = space + 1;
  const nameStart = i;
  while (i < text.length && /[A-Za-z0-9_]/.test(text[i] ?? '')) i++;
  const name = text.slice(nameStart, i);
  if (name === '') return undefined;
  const skip = flags.includes('a') || flags.includes('A') || flags.includes('r');
  if (text[i] !== '=') return { name, next: lineAfter(text, i) };
  i++;
  let value: string;
  if (text[i] === '"') [value, i] = doubleQuoted(text, i + 1);
  else if (text.startsWith("$'", i)) [value, i] = ansiQuoted(text, i + 2);
  else return { name, next: lineAfter(text, i) };
  return skip ? { name, next: lineAfter(text, i) } : { name, value, next: lineAfter(text, i) };
}

function lineAfter(text: string, at: number): number {
  const eol = text.indexOf('\n', at);
  return eol < 0 ? text.length : eol + 1;
}

/** Bash's `"…"` in `declare -p`: backslash escapes `"`, `\\`, `$` and `` ` ``; anything else is literal. */
function doubleQuoted(text: string, at: number): [string, number] {
  let out = '';
  let i = at;
  while (i < text.length && text[i] !== '"') {
    if (text[i] === '\\' && '"\\$`'.includes(text[i + 1] ?? 'x')) i++;
    out += text[i];
    i++;
  }
  return [out, i + 1];
}

const C_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };

/** Bash's `$'…'` (ANSI-C quoting), as `declare -p` writes values with newlines or control characters. */
function ansiQuoted(text: string, at: number): [string, number] {
  const bytes: number[] = [];
  const push = (s: string) => bytes.push(...Buffer.from(s, 'utf8'));
  let i = at;
  while (i < text.length && text[i] !== "'") {
    const c = text[i] ?? '';
    if (c !== '\\') {
      push(c);
      i++;
      continue;
    }
    const e = text[i + 1] ?? '';
    const simple = C_ESCAPES[e];
    if (simple !== undefined) {
      push(simple);
      i += 2;
    } else if (/[0-7]/.test(e)) {
      let j = i + 1;
      while (j < i + 4 && /[0-7]/.test(text[j] ?? '')) j++;
      bytes.push(parseInt(text.slice(i + 1, j), 8) & 0xff);
      i = j;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const max = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      let j = i + 2;
      while (j < i + 2 + max && /[0-9A-Fa-f]/.test(text[j] ?? '')) j++;
      const code = parseInt(text.slice(i + 2, j) || '0', 16);
      if (e === 'x') bytes.push(code & 0xff);
      else push(String.fromCodePoint(Math.min(code, 0x10ffff)));
      i = j;
    } else if (e === 'c') {
      bytes.push((text.charCodeAt(i + 2) || 0) & 0x1f);
      i += 3;
    } else {
      push(c + e);
      i += 2;
    }
  }
  return [Buffer.from(bytes).toString('utf8'), i + 1];
}

/** Two POSIX `set` dumps (`NAME='value'`, quotes as `'"'"'` or `'\''`), each followed by its end marker. */
export function diffSh(text: string): SessionChange | undefined {
  const [start, end] = dumps(text, (t, at, lineEnd) => {
    const eq = t.slice(at, lineEnd).indexOf('=');
    const name = eq > 0 ? t.slice(at, at + eq) : '';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return undefined;
    const [value, next] = shValue(t, at + eq + 1);
    return { name, value, next };
  });
  return diff(start, end);
}

/** A shell-quoted value from `at` to the end of its line (newlines inside quotes belong to it). */
function shValue(text: string, at: number): [string, number] {
  let out = '';
  let i = at;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') return [out, i + 1];
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0) return [out + text.slice(i + 1), text.length];
      out += text.slice(i + 1, close);
      i = close + 1;
    } else if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        out += text[i];
        i++;
      }
      i++;
    } else if (c === '\\' && i + 1 < text.length) {
      out += text[i + 1];
      i += 2;
    } else {
      out += c;
      i++;
    }
  }
  return [out, i];
}

function diff(start: Dump | undefined, end: Dump | undefined): SessionChange | undefined {
  // No end dump: the step replaced the EXIT trap, or its shell was killed; nothing is carried.
  if (!start || !end) return undefined;
  const vars = new Map<string, string>();
  for (const [name, value] of end) if (!own(name) && start.get(name) !== value) vars.set(name, value);
  const pwd = end.get('PWD');
  const cwd = pwd !== undefined && pwd !== '' && pwd !== start.get('PWD') ? pwd : undefined;
  if (vars.size === 0 && cwd === undefined) return undefined;
  return { vars, ...(cwd !== undefined && { cwd }) };
}
