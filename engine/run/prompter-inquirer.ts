/** The terminal `Prompter`, on @inquirer/prompts. */
import { confirm, editor, input, password, select } from '@inquirer/prompts';
import { AbortedError } from '../errors.js';
import type { Prompter } from './prompter.js';

async function guard<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    if ((error as Error).name === 'ExitPromptError' || (error as Error).name === 'AbortPromptError') throw new AbortedError('run.abortedAtPrompt', {}, { cause: error });
    throw error;
  }
}

/** `selectHelp` is the key hint under a choice list, in the operator's language. */
export function createInquirerPrompter(output: NodeJS.WritableStream = process.stdout, signal?: AbortSignal, selectHelp?: string): Prompter {
  const context = { output, ...(signal && { signal }) };
  const theme = selectHelp ? { style: { keysHelpTip: () => selectHelp } } : undefined;
  return {
    choose: (message, choices, defaultValue) =>
      guard(() => select({ message, choices: choices.map((c) => ({ value: c.value, name: c.label })), default: defaultValue, loop: false, ...(theme && { theme }) }, context)),
    text: (message, options) =>
      guard(() =>
        options?.default?.includes('\n')
          ? editor({ message, default: options.default, ...(options.validate && { validate: options.validate }) }, context)
          : input({ message, ...(options?.default !== undefined && { default: options.default, prefill: 'editable' as const }), ...(options?.validate && { validate: options.validate }) }, context),
      ),
    secret: (message, options) => guard(() => password({ message, mask: '•', ...(options?.validate && { validate: options.validate }) }, context)),
    confirm: (message, defaultValue) => guard(() => confirm({ message, default: defaultValue }, context)),
  };
}
