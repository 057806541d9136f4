/** What a command gets from the CLI entry: streams, environment, language and styling. Nothing global. */
import type { Translate } from '../i18n/translate.js';
import type { Lang } from '../i18n/language.js';
import { createStyle, type Style } from '../run/operator/style.js';

export interface Stream {
  write(chunk: string | Uint8Array): boolean;
  once?(event: 'drain', listener: () => void): unknown;
  isTTY?: boolean;
  columns?: number;
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
  return {
    cwd: options.cwd,
    env: options.env,
    stdin: options.stdin,
    stdout: options.stdout,
    stderr: options.stderr,
    lang: options.lang,
    langExplicit: options.langExplicit,
    t: options.t,
    style: createStyle(colorOk),
    interactive: options.stdin.isTTY === true && options.stdout.isTTY === true,
    out: (text) => void options.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => void options.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  };
}
