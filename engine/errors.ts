/**
 * The few typed errors the engine throws. Each carries a message key and its
 * values so the CLI can say it in the operator's language; `message` is the
 * English text for library users. The CLI entry maps the classes to exit
 * codes in one place (`cli/exit-code.ts`); anything else is a bug.
 */
import type { MessageKey } from './i18n/en.js';
import { createTranslator } from './i18n/translate.js';

export type MessageVars = Record<string, string | number>;

/** The system's code of an error (`ENOENT`, `EACCES`…), else its text. */
export function errorCode(error: unknown): string {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}

export class RunbookError extends Error {
  override readonly name: string = 'RunbookError';
  constructor(
    readonly key: MessageKey,
    readonly vars: MessageVars = {},
    options?: ErrorOptions,
  ) {
    super(createTranslator('en')(key, vars), options);
  }
}

/** Bad flags or arguments: exit 2. */
export class UsageError extends RunbookError {
  override readonly name = 'UsageError';
}

/** A runbook or state file that cannot be read or parsed: exit 2. */
export class LoadError extends RunbookError {
  override readonly name = 'LoadError';
}

/** The work ran and failed (failed run, lint errors): exit 1. */
export class FailedError extends RunbookError {
  override readonly name: string = 'FailedError';
}

/** The run stopped before a step it cannot run yet (a value nobody gave); it stays resumable: exit 1. */
export class PausedError extends FailedError {
  override readonly name = 'PausedError';
}

/** The operator aborted (Ctrl+C, Abort): exit 130. */
export class AbortedError extends RunbookError {
  override readonly name = 'AbortedError';
}
