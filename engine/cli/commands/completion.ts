/** `runbook completion bash|zsh|fish` prints a completion script. */
import { UsageError } from '../../errors.js';
import { bashCompletion, zshCompletion } from '../completion/bash.js';
import { fishCompletion } from '../completion/fish.js';
import type { CliContext } from '../context.js';
import type { ParsedArgs } from '../parse-args.js';

export async function run(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const shell = args.positionals[0];
  if (shell === 'bash') ctx.out(bashCompletion());
  else if (shell === 'zsh') ctx.out(zshCompletion());
  else if (shell === 'fish') ctx.out(fishCompletion(ctx.t));
  else throw new UsageError('error.badChoice', { flag: '<shell>', value: shell ?? '', choices: 'bash, zsh, fish', command: 'completion' });
  return 0;
}
