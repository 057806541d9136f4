/** What a command gets from the CLI entry: streams, environment, language and styling. Nothing global. */
import type { Translate } from '../i18n/translate.js';
import type { Lang } from '../i18n/language.js';
import { createStyle, type Style } from '../run/operator/style.js';
import { guardTerminal } from './terminal.js';

export interface Stream {
  write(chunk: string | Uint8Array): boolean;
  once?(event: 'drain', listener: () => void): unknown;
  isTTY?: boolean | undefined;
  columns?: number | undefined;
}

export interface CliContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: Stream;
  stderr: Stream;
  lang: Lang;
  /** True when `--lang` was given explicitly (reports then follow it instead of the runbook's `lang`). */
  langExplicit: boolean;
  t: Translate;
  style: Style;
  /** Both stdin and stdout are terminals: prompts are possible. */
  interactive: boolean;
  /** Aborted (reason `EPIPE`, `EIO`, `SIGHUP`) once the terminal or pipe is gone; writes are dropped from then on. */
  terminalLost: AbortSignal;
  loseTerminal(why: string): void;
  /** stdout as given, for prompts that draw on the terminal themselves. */
  promptOutput: Stream;
  out(text: string): void;
  err(text: string): void;
}

export function createContext(options: {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdin: CliContext['stdin'];
  stdout: Stream;
  stderr: Stream;
  lang: Lang;
  langExplicit: boolean;
  t: Translate;
  noColor: boolean;
}): CliContext {
  const colorOk = !options.noColor && options.stdout.isTTY === true && !options.env.NO_COLOR && options.env.TERM !== 'dumb';
  const terminal = guardTerminal(options.stdout, options.stderr, options.stdin);
  return {
    cwd: options.cwd,
    env: options.env,
    stdin: options.stdin,
    stdout: terminal.stdout,
    stderr: terminal.stderr,
    terminalLost: terminal.lost,
    loseTerminal: terminal.lose,
    promptOutput: terminal.rawStdout,
    lang: options.lang,
    langExplicit: options.langExplicit,
    t: options.t,
    style: createStyle(colorOk),
    interactive: options.stdin.isTTY === true && options.stdout.isTTY === true,
    out: (text) => void terminal.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => void terminal.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  };
}
