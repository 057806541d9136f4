/**
 * Where a run's questions are asked. Stdin and stdout both terminals: there.
 * Stdout piped (`runbook play … | tee notas.txt`) but stdin a terminal: the
 * questions are drawn on the terminal itself (`/dev/tty`) and stdout gets a
 * plain transcript. No terminal at all: no questions (`--yes` is needed).
 */
import { openSync } from 'node:fs';
import { Writable } from 'node:stream';
import { WriteStream } from 'node:tty';
import type { CliContext } from './context.js';

export interface PromptTerminal {
  output: NodeJS.WritableStream | (() => NodeJS.WritableStream);
  /** True when the questions are not drawn on stdout (so stdout is a transcript). */
  separate: boolean;
  close(): void;
}

export function promptTerminal(ctx: CliContext): PromptTerminal | undefined {
  if (ctx.interactive) return { output: ctx.promptOutput as NodeJS.WritableStream, separate: false, close: () => undefined };
  if (ctx.stdin.isTTY !== true) return undefined;
  let fd: number;
  try {
    fd = openSync('/dev/tty', 'w');
  } catch {
    return undefined; // no controlling terminal
  }
  const terminal = new WriteStream(fd);
  // Each prompt gets a stream of its own onto the terminal: a prompt ends its stream when it is done.
  const output = () => new Writable({ write: (chunk: Buffer | string, _encoding, done) => void terminal.write(chunk, (error) => done(error ?? null)) });
  return { output, separate: true, close: () => terminal.destroy() };
}
