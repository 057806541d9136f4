/**
 * Whether bash can parse a command (nothing runs). Only `lint` and the start
 * of a run ask: parsing a runbook never spawns a process.
 *
 * Many commands are checked by one bash process: for each command it forks
 * a subshell that turns on `set -n` (read commands, execute none) and then
 * `eval`s the command's text, so each command is parsed on its own, as
 * `bash -n` would, and nothing in it is executed. A fork of a small shell
 * costs far less than Node spawning `bash -n` once per command (one spawn
 * per step at the start of every run and every lint before).
 *
 * Always `bash --norc`: a `bash -c` whose stdin is a socket (Node's pipes are socket pairs) and
 * whose environment has no SHLVL takes itself for a remote shell and sources ~/.bashrc — on
 * these machines `pyenv init`, 60 s a start while another rehash held pyenv's lock, and any
 * text the file prints would reach the checker's output.
 */
import { spawn } from 'node:child_process';

export interface SyntaxProblem {
  /** 1-based line within the command text. */
  line: number;
  /** bash's own words, without the `bash: line N:` prefix. */
  detail: string;
}

/**
 * Read NUL-terminated commands; for each, print what bash said and `\0<status>\0`.
 * The `set -n` is the eval'd text's first line, so a command's line k is the eval's line k + 1,
 * and bash numbers eval lines from the line of `eval` (1 here): bash reports line k + 2.
 */
const CHECKER = 'while IFS= read -r -d "" c; do (eval "set -n\n$c") 2>&1; printf "\\0%d\\0" $?; done';
const LINE_OFFSET = 2;
/** Below this many commands one checker process is enough; above, two share the work (two cores). */
const SPLIT_AT = 64;

export async function checkShellSyntax(command: string): Promise<SyntaxProblem | undefined> {
  return (await checkShellSyntaxAll([command]))?.[0];
}

/**
 * The problem of each command (undefined when it parses), in order; undefined as a whole when
 * bash could not be started or stopped early (nothing is refused then, and nothing may be cached).
 */
export async function checkShellSyntaxAll(commands: readonly string[]): Promise<(SyntaxProblem | undefined)[] | undefined> {
  if (commands.length === 0) return [];
  // A verdict depends on the text alone: each distinct text is checked once (a runbook often repeats a command).
  const distinct = [...new Set(commands)];
  const verdicts = await checkDistinct(distinct);
  if (!verdicts) return undefined;
  if (distinct.length === commands.length) return verdicts;
  const byText = new Map(distinct.map((c, i) => [c, verdicts[i]]));
  return commands.map((c) => byText.get(c));
}

async function checkDistinct(commands: readonly string[]): Promise<(SyntaxProblem | undefined)[] | undefined> {
  if (commands.length < SPLIT_AT) return checkBatch(commands);
  const half = Math.ceil(commands.length / 2);
  const [a, b] = await Promise.all([checkBatch(commands.slice(0, half)), checkBatch(commands.slice(half))]);
  return a && b ? [...a, ...b] : undefined;
}

async function checkBatch(commands: readonly string[]): Promise<(SyntaxProblem | undefined)[] | undefined> {
  // A NUL cannot be framed: such a (rare) command gets a `bash -n` of its own.
  const framed = commands.filter((c) => !c.includes('\0'));
  const verdicts = framed.length > 0 ? await runChecker(framed) : [];
  if (!verdicts) return undefined;
  const out: (SyntaxProblem | undefined)[] = [];
  let next = 0;
  for (const command of commands) {
    if (command.includes('\0')) out.push(await checkAlone(command));
    else out.push(toProblem(command, verdicts[next++]));
  }
  return out;
}

interface Verdict {
  status: number;
  said: string;
}

/** One checker process for `commands`; undefined when bash cannot be started or stops early. */
function runChecker(commands: readonly string[]): Promise<Verdict[] | undefined> {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn('bash', ['--norc', '-c', CHECKER], { stdio: ['pipe', 'pipe', 'ignore'] });
    } catch {
      resolve(undefined);
      return;
    }
    const chunks: Buffer[] = [];
    child.on('error', () => resolve(undefined));
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('close', () => {
      const parts = Buffer.concat(chunks).toString('utf8').split('\0');
      const verdicts: Verdict[] = [];
      for (let i = 0; i + 1 < parts.length; i += 2) verdicts.push({ said: parts[i] ?? '', status: Number(parts[i + 1]) });
      resolve(verdicts.length === commands.length ? verdicts : undefined);
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(commands.map((c) => `${c}\0`).join(''));
  });
}

function toProblem(command: string, verdict: Verdict | undefined): SyntaxProblem | undefined {
  if (!verdict || verdict.status === 0) return undefined;
  const first = verdict.said.split('\n').find((l) => l.trim() !== '') ?? '';
  const m = /line (\d+): (.*)$/.exec(first);
  // One past the last line (or no line at all) means the end of the text (`unexpected end of file`).
  const last = command.split('\n').length;
  const line = m ? Math.max(1, Number(m[1]) - LINE_OFFSET) : last;
  return { line: Math.min(line, last), detail: (m?.[2] ?? first.replace(/^bash: (eval: )?/, '')).trim() };
}

function checkAlone(command: string): Promise<SyntaxProblem | undefined> {
  return new Promise((resolve) => {
    let said = '';
    let child;
    try {
      child = spawn('bash', ['--norc', '-n'], { stdio: ['pipe', 'ignore', 'pipe'] });
    } catch {
      resolve(undefined);
      return;
    }
    child.on('error', () => resolve(undefined));
    child.stderr.on('data', (chunk: Buffer) => (said += chunk.toString('utf8')));
    child.on('close', (code) => {
      if (code === 0) return resolve(undefined);
      const first = said.split('\n').find((l) => l.trim() !== '') ?? '';
      const m = /line (\d+): (.*)$/.exec(first);
      const last = command.split('\n').length;
      resolve({ line: Math.min(m ? Number(m[1]) : last, last), detail: (m?.[2] ?? first.replace(/^bash: /, '')).trim() });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(command);
  });
}

/** Languages whose commands bash reads (zsh has its own grammar). */
export function bashParses(lang: string): boolean {
  return lang === 'bash' || lang === 'sh' || lang === 'shell' || lang === 'console';
}
