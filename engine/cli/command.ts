/** The shape every lazily loaded command module has. */
import type { CliContext } from './context.js';
import type { ParsedArgs } from './parse-args.js';

export interface CommandModule {
  /** Runs the command and returns its exit code; typed errors are mapped by the entry. */
  run(ctx: CliContext, args: ParsedArgs): Promise<number>;
}
