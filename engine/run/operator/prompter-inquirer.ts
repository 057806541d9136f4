/** The terminal `Prompter`, on @inquirer/prompts. */
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

/** `selectHelp` is the key hint under a choice list, in the operator's language. */
export function createInquirerPrompter(output: NodeJS.WritableStream = process.stdout, signal?: AbortSignal, selectHelp?: string): Prompter {
  const context = { output, ...(signal && { signal }) };
  const theme = selectHelp ? { style: { keysHelpTip: () => selectHelp } } : undefined;
  return {
    choose: (message, choices, defaultValue) =>
      guard(() => select({ message, choices: choices.map((c) => ({ value: c.value, name: c.label })), default: defaultValue, loop: false, ...(theme && { theme }) }, context), signal),
    text: (message, options) =>
      guard(() =>
        options?.default?.includes('\n')
          ? editor({ message, default: options.default, ...(options.validate && { validate: options.validate }) }, context)
          : input({ message, ...(options?.default !== undefined && { default: options.default, prefill: 'editable' as const }), ...(options?.validate && { validate: options.validate }) }, context),
        signal,
      ),
    secret: (message, options) => guard(() => password({ message, mask: '•', ...(options?.validate && { validate: options.validate }) }, context), signal),
    confirm: (message, defaultValue) => guard(() => confirm({ message, default: defaultValue }, context), signal),
  };
}
