/**
 * One session, like a terminal: what a step's shell assigns or exports, and
 * its working directory after a `cd`, reach the steps after it. The step's
 * script gets a one-line prelude (so `line N` in the shell's messages is
 * still the author's line N) that writes the shell's variables to a private
 * file when it starts and again, from an EXIT trap, when it ends. The file is
 * created exclusively (0600) and unlinked at once: the shell writes to it
 * through an inherited descriptor (`SESSION_FD`, moved out of the way by
 * bash), so no dump — which holds the whole environment, secrets included —
 * is ever left on disk, even after a crash. Step output is untouched and no
 * extra process is started (builtins and redirections only). The engine
 * diffs the two dumps: new or changed variables are carried, the shell's own
 * dynamic ones never. Supported shells: bash (the default) and POSIX `sh`;
 * with any other `shell`, nothing carries over.
 */
import { closeSync, fstatSync, openSync, readSync, unlinkSync } from 'node:fs';
import type { CommandStep } from '../model.js';
import type { RunContext } from './context.js';

export type SessionShell = 'bash' | 'sh';

/** The session dialect of a step's shell (`['bash', '-e', …]`), if it has one. */
export function sessionShell(shell: readonly string[]): SessionShell | undefined {
  const file = shell[0]?.split('/').pop();
  if (file === 'bash') return 'bash';
  if (file === 'sh' || file === 'dash') return 'sh';
  return undefined;
}

/** Names a shell maintains itself (or this prelude uses): never carried. */
const OWN = new Set([
  '_', 'PWD', 'OLDPWD', 'SHLVL', 'RANDOM', 'SRANDOM', 'SECONDS', 'EPOCHREALTIME', 'EPOCHSECONDS', 'LINENO', 'HISTCMD',
  'OPTIND', 'OPTARG', 'OPTERR', 'PPID', 'IFS', 'PS1', 'PS2', 'PS4', 'COLUMNS', 'LINES', 'COMP_WORDBREAKS', 'MAILCHECK', 'HOSTTYPE', 'MACHTYPE', 'OSTYPE',
]);
const PREFIX = '__rb_';
/** What separates the start dump from the end dump. */
const END = '__rb_end';

function own(name: string): boolean {
  return OWN.has(name) || name.startsWith(PREFIX) || name.startsWith('BASH');
}

/** The descriptor the step's shell inherits its session file on (bash moves it to a free one of its own at once). */
export const SESSION_FD = 7;

/** The prelude: all on one line, so the author's line numbers are the shell's. */
function prelude(dialect: SessionShell): string {
  const fd = SESSION_FD;
  // `declare -p` is one builtin call (a loop over names cost ≈12 ms a step on a loaded machine).
  // A dump that cannot be written (a full disk) must not change the step: its errors are silenced, `-e`
  // does not stop the script for it, the exit trap keeps the step's own status, and the end marker is
  // written only after a complete dump (so a partial one is never read as a session).
  if (dialect === 'bash') {
    return `exec {__rb_fd}>&${fd} ${fd}>&-; __rb_d() { declare -p && echo ${END}; } 2>/dev/null; __rb_d >&$__rb_fd || :; trap '__rb_s=$?; __rb_d >&$__rb_fd || :; exit $__rb_s' EXIT; `;
  }
  return `{ set && echo ${END}; } >&${fd} 2>/dev/null || :; trap '__rb_s=$?; { set && echo ${END}; } >&${fd} 2>/dev/null || :; exit $__rb_s' EXIT; `;
}

/** A step's session file: created exclusively, readable only by its owner; the script that fills it. */
export interface SessionProbe {
  /** Shell text that goes before the command, on the command's first line (`ExecRequest.prelude`). */
  prelude: string;
  /** The session file, open for the shell to inherit as `SESSION_FD` (`ExecRequest.sessionFd`). */
  fd: number;
  /** Before each run of the command (`wait` polls it): what was written so far is not this run's. */
  mark(): void;
  read(): SessionChange | undefined;
  dispose(): void;
}

export interface SessionChange {
  /** Variables the step set or changed, in the order the shell listed them. */
  vars: Map<string, string>;
  /** The directory the step ended in, when it is not the one it started in. */
  cwd?: string;
}

/**
 * Builtins and keywords that can set a variable or the directory with no `=` in the text
 * (`read X`, `for X in`, `cd`, `source`, `printf -v X`, `getopts`, `mapfile`…). Kept wide on purpose:
 * a word here only costs a dump.
 */
const SETTERS = new Set(['cd', 'pushd', 'popd', 'source', 'read', 'declare', 'typeset', 'export', 'local', 'readonly', 'let', 'eval', 'exec', 'mapfile', 'readarray', 'printf', 'for', 'select', 'getopts', 'coproc', 'wait', 'shopt', 'trap']);

const isNameChar = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
const isBoundary = (c: string | undefined) => c === undefined || ' \t\n;&|(){}'.includes(c);

/**
 * Whether a step's script might leave anything to carry: any `=` (assignments, `export X=`,
 * `${X:=…}`), `((` (arithmetic), a `.` (source) word, or a word of `SETTERS`. Conservative — when
 * unsure, it says yes; a script it says no to runs without the session dump (two `declare -p`s
 * and the engine reading them, per step).
 */
export function mayChangeSession(command: string): boolean {
  if (command.includes('=') || command.includes('((')) return true;
  let start = -1;
  for (let i = 0; i <= command.length; i++) {
    if (i < command.length && isNameChar(command.charCodeAt(i))) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0 && SETTERS.has(command.slice(start, i))) return true;
    start = -1;
    if (command[i] === '.' && isBoundary(command[i - 1]) && isBoundary(command[i + 1])) return true;
  }
  return false;
}

/** A step's session file and the prelude that fills it; undefined when the shell has no session support. */
export function openSession(shell: readonly string[], file: string): SessionProbe | undefined {
  const dialect = sessionShell(shell);
  if (!dialect) return undefined;
  const fd = openSync(file, 'wx+', 0o600);
  try {
    unlinkSync(file);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  let from = 0;
  return {
    prelude: prelude(dialect),
    fd,
    mark() {
      from = fstatSync(fd).size;
    },
    read() {
      const size = fstatSync(fd).size - from;
      const bytes = Buffer.alloc(Math.max(0, size));
      for (let at = 0; at < size; ) {
        const n = readSync(fd, bytes, at, size - at, from + at);
        if (n === 0) break;
        at += n;
      }
      const text = bytes.toString('utf8');
      return dialect === 'bash' ? diffBash(text) : diffSh(text);
    },
    dispose() {
      closeSync(fd);
    },
  };
}

type Dump = Map<string, string>;

/** Two bash `declare -p` dumps, each followed by its end marker. */
export function diffBash(text: string): SessionChange | undefined {
  const dumps: Dump[] = [];
  let vars: Dump = new Map();
  let at = 0;
  while (at < text.length) {
    const eol = text.indexOf('\n', at);
    const lineEnd = eol < 0 ? text.length : eol;
    if (text.startsWith(END, at) && lineEnd === at + END.length) {
      dumps.push(vars);
      vars = new Map();
      at = lineEnd + 1;
      continue;
    }
    const parsed = text.startsWith('declare -', at) ? declaration(text, at + 'declare -'.length) : undefined;
    if (!parsed) {
      at = lineEnd + 1;
      continue;
    }
    if (parsed.value !== undefined) vars.set(parsed.name, parsed.value);
    at = parsed.next;
  }
  return diff(dumps[0], dumps[1]);
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
  const dumps: Dump[] = [];
  let vars: Dump = new Map();
  let at = 0;
  while (at < text.length) {
    const eol = text.indexOf('\n', at);
    const line = text.slice(at, eol < 0 ? text.length : eol);
    if (line === END) {
      dumps.push(vars);
      vars = new Map();
      at = eol < 0 ? text.length : eol + 1;
      continue;
    }
    const eq = line.indexOf('=');
    const name = eq > 0 ? line.slice(0, eq) : '';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      at = eol < 0 ? text.length : eol + 1;
      continue;
    }
    const [value, next] = shValue(text, at + eq + 1);
    vars.set(name, value);
    at = next;
  }
  return diff(dumps[0], dumps[1]);
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
/**
 * Hands a finished step's session to the steps after it: each variable set
 * through `Variables.set` (secret when the step is `secret` or the value holds
 * a secret), and one `session` event in the journal (secret values named only).
 */
export function carrySession(ctx: Pick<RunContext, 'variables' | 'masker' | 'journal'>, step: CommandStep, change: SessionChange): void {
  const vars: Record<string, string> = {};
  const secret: string[] = [];
  for (const [name, value] of change.vars) {
    const masked = ctx.masker.mask(value);
    const isSecret = step.secretCapture || masked !== value;
    ctx.variables.set(name, value, { source: 'session', secret: isSecret, step: step.id });
    if (isSecret) secret.push(name);
    else vars[name] = value;
  }
  ctx.journal.append({ type: 'session', step: step.id, vars, secret, ...(change.cwd !== undefined && { cwd: change.cwd }) });
}
