/**
 * The terminal `Prompter`, on @inquirer/prompts. Nothing it does reveals a
 * secret: a secret is typed without echo (not even a mask character per
 * key, which would tell its length), and a multi-line command is edited in
 * a file only this user can read, in a folder of its own, removed after.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { confirm, editor, input, password, select } from '@inquirer/prompts';
import { AbortedError } from '../../errors.js';
import type { Prompter } from './prompter.js';

/** Ctrl+C at a prompt (inquirer's ExitPromptError) aborts; a stop signal (AbortPromptError) stops with its name. */
async function guard<T>(ask: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'AbortPromptError' && signal?.aborted) {
      const why: unknown = signal.reason;
      throw new AbortedError('run.stoppedAtPrompt', { signal: typeof why === 'string' ? why : 'SIGINT' }, { cause: error });
    }
    if (name === 'ExitPromptError' || name === 'AbortPromptError') throw new AbortedError('run.abortedAtPrompt', {}, { cause: error });
    throw error;
  }
}

/** Runs `edit` with a private folder (0700, made by mkdtemp) for the editor's file (0600), removed afterwards. */
async function inPrivateDir<T>(edit: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-edit-'));
  try {
    return await edit(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `selectHelp` is the key hint under a choice list, in the operator's language; `input` is the terminal's keys (tests give a stream). */
export function createInquirerPrompter(output: NodeJS.WritableStream = process.stdout, signal?: AbortSignal, selectHelp?: string, input_?: NodeJS.ReadableStream): Prompter {
  const context = { output, ...(signal && { signal }), ...(input_ && { input: input_ }) };
  const theme = selectHelp ? { style: { keysHelpTip: () => selectHelp } } : undefined;
  return {
    choose: (message, choices, defaultValue) =>
      guard(() => select({ message, choices: choices.map((c) => ({ value: c.value, name: c.label })), default: defaultValue, loop: false, ...(theme && { theme }) }, context), signal),
    text: (message, options) =>
      guard(() => {
        const initial = options?.default;
        return initial?.includes('\n')
          ? inPrivateDir((dir) => editor({ message, default: initial ?? '', file: { dir, mode: 0o600, postfix: '.sh' }, ...(options?.validate && { validate: options.validate }) }, context))
          : input({ message, ...(initial !== undefined && { default: initial, prefill: 'editable' as const }), ...(options?.validate && { validate: options.validate }) }, context);
      }, signal),
    secret: (message, options) => guard(() => password({ message, ...(options?.validate && { validate: options.validate }) }, context), signal),
    confirm: (message, defaultValue) => guard(() => confirm({ message, default: defaultValue }, context), signal),
  };
}
