/** The one place where typed errors become exit codes. */
import { AbortedError, FailedError, LoadError, RunbookError, UsageError } from '../errors.js';

export const EXIT = { ok: 0, failed: 1, usage: 2, aborted: 130 } as const;

export function exitCodeFor(error: unknown): number {
  if (error instanceof AbortedError) return EXIT.aborted;
  if (error instanceof UsageError || error instanceof LoadError) return EXIT.usage;
  if (error instanceof FailedError) return EXIT.failed;
  if (error instanceof RunbookError) return EXIT.failed;
  return EXIT.failed;
}
