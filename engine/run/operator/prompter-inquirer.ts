/**
 * The terminal `Prompter`, on @inquirer/prompts. Nothing it does reveals a
 * secret: a secret is typed without echo (not even a mask character per
 * key, which would tell its length), and a multi-line command is edited in
 * a file only this user can read, in a folder of its own, removed after.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { editor, input, password, select } from '@inquirer/prompts';
import type { Translate } from '../../i18n/translate.js';
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
    // The terminal went away under the prompt (the pty closed: `setRawMode EIO`): a stop, like SIGHUP.
    const gone = terminalGoneCode(error);
    if (gone !== undefined) throw new AbortedError('run.stoppedAtPrompt', { signal: gone }, { cause: error });
    throw error;
  }
}

function terminalGoneCode(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code === 'EIO' || code === 'EPIPE' || code === 'ENXIO') return code;
  const found = error instanceof Error ? /\b(EIO|EPIPE|ENXIO)\b/.exec(error.message) : null;
  return found?.[1];
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

/** The prompts' own words in the operator's language: the key hint under a choice list, and how yes and no are typed. */
export interface PromptLabels {
  selectHelp: string;
  /** Lower-case answers meaning yes (`s`, `sí`, `y` in Spanish) and no. */
  yes: string[];
  no: string[];
  /** Shown after a yes/no question: `y/N` when the default is No, `Y/n` when it is yes. */
  hintYes: string;
  hintNo: string;
  invalid: string;
}

const ENGLISH: PromptLabels = { selectHelp: '↑↓ move · ⏎ choose', yes: ['y', 'yes'], no: ['n', 'no'], hintYes: 'Y/n', hintNo: 'y/N', invalid: 'answer y or n' };

/** The labels from the operator's catalog (`prompt.*`); the yes and no words are comma-separated there. */
export function promptLabels(t: Translate): PromptLabels {
  const words = (key: 'prompt.yesWords' | 'prompt.noWords') => t(key).split(',').map((w) => w.trim().toLowerCase()).filter(Boolean);
  return { selectHelp: t('prompt.selectHelp'), yes: words('prompt.yesWords'), no: words('prompt.noWords'), hintYes: t('prompt.yesNoHintYes'), hintNo: t('prompt.yesNoHintNo'), invalid: t('prompt.yesNoInvalid') };
}

/** A yes/no answer as typed: empty is the default; anything else must be one of the words. */
export function yesNoAnswer(labels: PromptLabels, typed: string, defaultValue: boolean): boolean | undefined {
  const word = typed.trim().toLowerCase();
  if (word === '') return defaultValue;
  if (labels.yes.includes(word)) return true;
  if (labels.no.includes(word)) return false;
  return undefined;
}

/**
 * `output` is where questions are drawn (the terminal: stdout, or /dev/tty when stdout is piped); `input` is the terminal's keys
 * (tests give a stream).
 */
export function createInquirerPrompter(output: NodeJS.WritableStream | (() => NodeJS.WritableStream) = process.stdout, signal?: AbortSignal, labels: PromptLabels = ENGLISH, input_?: NodeJS.ReadableStream): Prompter {
  // A prompt ends the stream it draws on when it is done (only stdout is spared): a function gives each prompt a stream of its own.
  const contextOf = () => ({ output: typeof output === 'function' ? output() : output, ...(signal && { signal }), ...(input_ && { input: input_ }) });
  const theme = { style: { keysHelpTip: () => labels.selectHelp } };
  return {
    choose: (message, choices, defaultValue) =>
      guard(() => select({ message, choices: choices.map((c) => ({ value: c.value, name: c.label })), default: defaultValue, loop: false, theme }, contextOf()), signal),
    text: (message, options) =>
      guard(() => {
        const initial = options?.default;
        return initial?.includes('\n')
          ? inPrivateDir((dir) => editor({ message, default: initial ?? '', file: { dir, mode: 0o600, postfix: '.sh' }, ...(options?.validate && { validate: options.validate }) }, contextOf()))
          : input({ message, ...(initial !== undefined ? { default: initial, prefill: 'editable' as const } : options?.hint !== undefined && { default: options.hint }), ...(options?.validate && { validate: options.validate }) }, contextOf());
      }, signal),
    secret: (message, options) => guard(() => password({ message, ...(options?.validate && { validate: options.validate }) }, contextOf()), signal),
    confirm: async (message, defaultValue) => {
      const typed = await guard(() => input({ message: `${message} (${defaultValue ? labels.hintYes : labels.hintNo})`, validate: (v) => yesNoAnswer(labels, v, defaultValue) !== undefined || labels.invalid }, contextOf()), signal);
      return yesNoAnswer(labels, typed, defaultValue) === true;
    },
  };
}
