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

const LETTERS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_'];

/** The descriptor the step's shell inherits its session file on (bash moves it to a free one of its own at once). */
export const SESSION_FD = 7;

/** The prelude: all on one line, so the author's line numbers are the shell's. */
function prelude(dialect: SessionShell): string {
  const fd = SESSION_FD;
  if (dialect === 'bash') {
    const names = LETTERS.map((l) => `\${!${l}*}`).join(' ');
    // Scalars only: arrays, associative arrays and read-only variables are the shell's or stay in their step.
    const dump = `__rb_d() { local __rb_n; for __rb_n in ${names}; do [[ -v $__rb_n ]] || continue; case \${!__rb_n@a} in *[aAr]*) continue;; esac; printf '%s\\0%s\\0' "$__rb_n" "\${!__rb_n}"; done; printf '\\0%s\\0' "$PWD"; }`;
    return `exec {__rb_fd}>&${fd} ${fd}>&-; ${dump}; __rb_d >&$__rb_fd; trap '__rb_d >&$__rb_fd' EXIT; `;
  }
  return `set >&${fd}; echo "${END}$PWD" >&${fd}; trap 'set >&${fd}; echo "${END}$PWD" >&${fd}' EXIT; `;
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

/** Two bash dumps: `name\0value\0`… then `\0pwd\0`, twice. */
export function diffBash(text: string): SessionChange | undefined {
  const fields = text.split('\0');
  const dumps: { vars: Map<string, string>; pwd: string }[] = [];
  let vars = new Map<string, string>();
  let i = 0;
  while (i < fields.length - 1) {
    const name = fields[i] ?? '';
    if (name === '') {
      dumps.push({ vars, pwd: fields[i + 1] ?? '' });
      vars = new Map();
      i += 2;
      continue;
    }
    vars.set(name, fields[i + 1] ?? '');
    i += 2;
  }
  return diff(dumps[0], dumps[1]);
}

/** Two POSIX `set` dumps (`NAME='value'`, quotes as `'"'"'` or `'\''`), each followed by its end marker. */
export function diffSh(text: string): SessionChange | undefined {
  const dumps: { vars: Map<string, string>; pwd: string }[] = [];
  let vars = new Map<string, string>();
  let at = 0;
  while (at < text.length) {
    const eol = text.indexOf('\n', at);
    const line = text.slice(at, eol < 0 ? text.length : eol);
    if (line.startsWith(END)) {
      dumps.push({ vars, pwd: line.slice(END.length) });
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

function diff(start: { vars: Map<string, string>; pwd: string } | undefined, end: { vars: Map<string, string>; pwd: string } | undefined): SessionChange | undefined {
  // No end dump: the step replaced the EXIT trap, or its shell was killed; nothing is carried.
  if (!start || !end) return undefined;
  const vars = new Map<string, string>();
  for (const [name, value] of end.vars) if (!own(name) && start.vars.get(name) !== value) vars.set(name, value);
  const cwd = end.pwd !== '' && end.pwd !== start.pwd ? end.pwd : undefined;
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
