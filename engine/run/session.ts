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
import { END, diffBash, diffSh, type SessionChange } from './session-dump.js';

export type SessionShell = 'bash' | 'sh';

/** The session dialect of a step's shell (`['bash', '-e', …]`), if it has one. */
export function sessionShell(shell: readonly string[]): SessionShell | undefined {
  const file = shell[0]?.split('/').pop();
  if (file === 'bash') return 'bash';
  if (file === 'sh' || file === 'dash') return 'sh';
  return undefined;
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
