/** `runbook resume [run-id]`: continue the latest unfinished run (or the one named) from its journal. */
import { UsageError } from '../../errors.js';
import { resume } from '../../run/resume.js';
import type { CliContext } from '../context.js';
import { flag, type ParsedArgs } from '../parse-args.js';
import { canAsk, driveRun } from '../run-support.js';

export async function run(ctx: CliContext, args: ParsedArgs): Promise<number> {
  if (!flag(args, 'yes') && !canAsk(ctx)) throw new UsageError('error.needsTty', { command: 'resume' });
  if (args.positionals.length > 1) throw new UsageError('error.extraArgs', { command: 'resume', extra: args.positionals.slice(1).join(' ') });
  const runId = args.positionals[0];
  return driveRun(ctx, args, (shared) => resume({ ...shared, ...(runId !== undefined && { runId }) }));
}
