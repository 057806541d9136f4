/**
 * The shell server: one bash per run that starts each step's shell as a
 * subshell of itself — a fork of a small process, with no fork of the
 * engine's large one and no exec of bash. Measured (docs/benchmarks.md,
 * "The shell server"): ≈1 ms a step where `child_process.spawn` of
 * `bash -c` costs ≈2.2 ms.
 *
 * Each step still gets a shell of its own, as fresh as `bash -e -o pipefail
 * -c`: the subshell is forked from a server that defines nothing (its few
 * `__rb_` variables are unset before the step's script runs), it runs in its
 * own process group (the server's job control, turned off again inside the
 * step), with stdin on /dev/null, its working directory, its environment
 * and its flags set first, and its stdout and stderr on pipes of its own
 * (a FIFO pair from a private 0700 directory; the first step takes the
 * server's own pipes). Nothing a step sets reaches the server or the next
 * step except through the engine (the session dump, `engine/run/session.ts`).
 * What differs from a separate `bash -c` (docs/format.md, "How a step's
 * shell is started"): `$$` is the server's pid for every step of the run
 * (`$BASHPID` is the step's own), `$BASH_SUBSHELL` is 1, and a syntax error
 * is placed at `eval: line N` instead of `-c: line N` (the same N).
 *
 * The server takes a request only when it can run it exactly: non-
 * interactive, the default `bash -e -o pipefail`, no change to the variables
 * bash reads at start-up, Linux (a step's session file is reopened through
 * `/proc`), and one request at a time. Anything else, or a setup the server
 * reports it could not make (a missing directory), is started by `spawn.ts`
 * as before — so a failure to start reads exactly as it always did.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { openFifoPool, type FifoPool, type OutputPipes } from './fifo-pool.js';
import { signalGroup } from './group.js';
import type { ExecRequest } from './runner.js';

/** A step's shell as the server started it. */
export interface ServedShell {
  pid: number;
  stdout: Readable;
  stderr: Readable;
  /** The subshell's exit status (128 + n when signal n ended it); undefined when the server itself went away (the step's group is then killed). */
  exited: Promise<number | undefined>;
}

export interface ShellServer {
  /** Starts the request's shell; undefined when the server does not take it (the caller spawns it). */
  launch(request: ExecRequest): Promise<ServedShell | undefined>;
  close(): void;
}

/** The shell the server stands in for: bash's own defaults for a step (`attempts.ts`). */
const SERVED_SHELL = ['bash', '-e', '-o', 'pipefail'];
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Variables bash reads when it starts, or will not let a script set: a change to one is started by a fresh shell. */
const AT_START = new Set(['BASH_ENV', 'ENV', 'SHELLOPTS', 'BASHOPTS', 'POSIXLY_CORRECT', 'SHLVL', 'EUID', 'UID', 'PPID', 'PWD', 'OLDPWD', '_']);

/**
 * The server's loop. A request is a length line and that many bytes of
 * ASCII shell text (`read -N` takes them in one read; a NUL-delimited read
 * would take one byte per system call), evaluated in a subshell that writes
 * `S <pid>` once it is set up (or `C <why>` when it could not be) on
 * descriptor 4; the server then writes `E <status>` when the subshell has
 * exited.
 */
const LOOP = [
  'set -m',
  'while IFS= read -r __rb_n <&3 && IFS= read -r -N "$__rb_n" __rb_q <&3',
  'do ( set +m; exec 3<&-; eval "$__rb_q" ) & __rb_p=$!',
  '[ -n "${__rb_first-}" ] || { exec >/dev/null 2>&1; __rb_first=1; }',
  'wait "$__rb_p"; __rb_s=$?',
  // With job control on, `wait` also returns when the step is stopped (SIGSTOP): it has not ended, so the
  // server waits on, pausing between tries. (`wait -f` would do this, but bash 5.2's loops for ever on a
  // job it has already reaped: "wait_for: No record of process".)
  'while [ "$__rb_s" -gt 128 ] && kill -0 "$__rb_p" 2>/dev/null; do sleep 0.05; wait "$__rb_p"; __rb_s=$?; done',
  'printf \'E %s\\n\' "$__rb_s" >&4',
  'done',
  // One line, as the setup is: the shell counts a step's lines from the line its `eval` is on.
].join('; ');

/** Whether a server could take this kind of request at all (the runner starts one at the first such request). */
export function servable(request: ExecRequest): boolean {
  return process.platform === 'linux' && !request.interactive && sameShell(request.shell);
}

export function startShellServer(first: ExecRequest): ShellServer | undefined {
  if (!servable(first)) return undefined;
  let pool: FifoPool;
  let child: ChildProcess;
  try {
    pool = openFifoPool();
    child = spawn('bash', ['-c', LOOP], { cwd: first.cwd, env: first.env, detached: true, stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'] });
  } catch {
    return undefined;
  }
  const serverEnv = first.env;
  /** The change from the server's environment to a request's, by the request's environment (`Variables.env()` keeps one object until a variable changes). */
  const changes = new WeakMap<object, EnvChange | undefined>();
  const changeFor = (wanted: Readonly<Record<string, string>>) => {
    if (!changes.has(wanted)) changes.set(wanted, envChange(serverEnv, wanted));
    return changes.get(wanted);
  };
  const [, , , requestPipe, reportPipe] = child.stdio;
  if (!(requestPipe instanceof Socket) || !(reportPipe instanceof Socket) || !child.stdout || !child.stderr) {
    child.kill('SIGKILL');
    pool.close();
    return undefined;
  }
  const requests: Socket = requestPipe;
  const reports: Socket = reportPipe;
  let alive = true;
  let busy = false;
  let fresh: { stdout: Readable; stderr: Readable } | undefined = { stdout: child.stdout, stderr: child.stderr };
  const lines: string[] = [];
  let waiting: ((line: string | undefined) => void) | undefined;
  let partial = '';
  const deliver = (line: string | undefined) => {
    const take = waiting;
    waiting = undefined;
    if (take) take(line);
    else if (line !== undefined) lines.push(line);
  };
  reports.setEncoding('latin1');
  reports.on('data', (text: string) => {
    partial += text;
    for (let eol = partial.indexOf('\n'); eol >= 0; eol = partial.indexOf('\n')) {
      deliver(partial.slice(0, eol));
      partial = partial.slice(eol + 1);
    }
  });
  const gone = () => {
    alive = false;
    deliver(undefined);
  };
  child.once('error', gone);
  child.once('exit', gone);
  reports.once('close', gone);
  requests.on('error', gone);
  child.unref();
  requests.unref();
  reports.unref();
  const nextLine = (): Promise<string | undefined> => {
    const line = lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (!alive) return Promise.resolve(undefined);
    return new Promise((resolve) => (waiting = resolve));
  };


  async function launch(request: ExecRequest): Promise<ServedShell | undefined> {
    if (!alive || busy || request.interactive || !sameShell(request.shell)) return undefined;
    const env = changeFor(request.env);
    if (env === undefined) return undefined;
    busy = true;
    reports.ref();
    let pipes: OutputPipes | undefined;
    try {
      const own = fresh;
      fresh = undefined;
      pipes = own ? { ...own, paths: undefined, release() {} } : await pool.take();
      if (!pipes) {
        done();
        return undefined;
      }
      const setup = setupScript(request, env, pipes.paths);
      requests.write(`${setup.length}\n${setup}`);
      const first = await nextLine();
      pipes.release();
      if (first === undefined || !first.startsWith('S ')) {
        // Declined (`C …`) or gone: nothing of the step ran; `spawn.ts` starts it and reports as ever.
        if (first !== undefined) await nextLine();
        destroy(pipes);
        done();
        return undefined;
      }
      const pid = Number(first.slice(2));
      const exited = nextLine().then((line) => {
        done();
        if (line?.startsWith('E ')) return Number(line.slice(2));
        // The server went away mid-step: no status will come, so the step must not run on unrecorded.
        signalGroup(pid, 'SIGKILL');
        return undefined;
      });
      return { pid, stdout: pipes.stdout, stderr: pipes.stderr, exited };
    } catch {
      if (pipes) destroy(pipes);
      done();
      return undefined;
    }
  }
  function done() {
    busy = false;
    reports.unref();
  }
  return {
    launch,
    close() {
      alive = false;
      requests.end();
      pool.close();
    },
  };
}

function destroy(pipes: OutputPipes): void {
  pipes.stdout.destroy();
  pipes.stderr.destroy();
}

function sameShell(shell: readonly string[]): boolean {
  return shell.length === SERVED_SHELL.length && shell.every((word, i) => word === SERVED_SHELL[i]);
}

interface EnvChange {
  set: [string, string][];
  unset: string[];
}

/** What to export and unset to turn the server's environment into the request's; undefined when a fresh shell must start it. */
function envChange(server: Readonly<Record<string, string>>, wanted: Readonly<Record<string, string>>): EnvChange | undefined {
  const change: EnvChange = { set: [], unset: [] };
  let ok = true;
  for (const [name, value] of Object.entries(wanted)) {
    if (server[name] === value) continue;
    if (!NAME.test(name) || AT_START.has(name) || name.startsWith('BASH')) ok = false;
    change.set.push([name, value]);
  }
  for (const name of Object.keys(server)) {
    if (Object.hasOwn(wanted, name)) continue;
    if (!NAME.test(name) || AT_START.has(name) || name.startsWith('BASH')) ok = false;
    change.unset.push(name);
  }
  return ok ? change : undefined;
}

/**
 * The shell text that sets a step's subshell up and runs its script, on one
 * line and in ASCII only (every other byte as `\xHH` inside `$'…'`), so that `read -N`
 * counts it the same in every locale.
 */
function setupScript(request: ExecRequest, env: EnvChange, paths: { stdout: string; stderr: string } | undefined): string {
  const out: string[] = [];
  if (paths) out.push(`exec >${quote(paths.stdout)} 2>${quote(paths.stderr)} || { printf 'C pipes\\n' >&4; exit 126; }`);
  out.push(`cd -- ${quote(request.cwd)} 2>/dev/null || { printf 'C cwd\\n' >&4; exit 126; }`);
  const oldpwd = request.env['OLDPWD'];
  out.push(oldpwd === undefined ? 'unset -v OLDPWD' : `OLDPWD=${quote(oldpwd)}`);
  if (env.unset.length > 0) out.push(`unset -v ${env.unset.join(' ')}`);
  if (env.set.length > 0) out.push(`export ${env.set.map(([name, value]) => quote(`${name}=${value}`)).join(' ')}`);
  if (request.sessionFd !== undefined) {
    out.push(`exec 7>>/proc/${process.pid}/fd/${request.sessionFd} || { printf 'C session\\n' >&4; exit 126; }`);
  }
  out.push(`printf 'S %s\\n' "$BASHPID" >&4; exec 4>&-`);
  out.push('unset -v __rb_n __rb_q __rb_p __rb_first __rb_s');
  out.push(`set ${SERVED_SHELL.slice(1).join(' ')}`);
  const script = quote(request.prelude === undefined ? request.command : request.prelude + request.command);
  out.push(`BASH_EXECUTION_STRING=${script}`);
  out.push(`eval ${script}`);
  // One line: the shell counts the script's lines from the line its `eval` is on.
  return out.join('; ') + '\n';
}

/** A word bash reads back as exactly `text`, in ASCII. */
export function quote(text: string): string {
  let out = "$'";
  for (const byte of Buffer.from(text, 'utf8')) {
    if (byte >= 0x20 && byte < 0x7f && byte !== 0x27 && byte !== 0x5c) out += String.fromCharCode(byte);
    else out += `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return out + "'";
}
