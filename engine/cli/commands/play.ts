/** `runbook play <ref>`: walk a runbook step by step (or `--yes` for automation, `--dry-run` for training). */
import { UsageError } from '../../errors.js';
import { play } from '../../run/start.js';
import type { CliContext } from '../context.js';
import { flag, listValue, stringValue, type ParsedArgs } from '../parse-args.js';
import { runbookFor } from '../runbook-source.js';
import { canAsk, driveRun } from '../run-support.js';

export async function run(ctx: CliContext, args: ParsedArgs): Promise<number> {
  if (!flag(args, 'yes') && !canAsk(ctx)) throw new UsageError('error.needsTty', { command: 'play' });
  const loaded = await runbookFor(ctx, args, 'play');
  const only = listValue(args, 'only').flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
  const envName = stringValue(args, 'env');
  const [from, until, failAt] = [stringValue(args, 'from'), stringValue(args, 'until'), stringValue(args, 'fail-at')];
  return driveRun(ctx, args, (shared) =>
    play({
      ...shared,
      loaded,
      mode: flag(args, 'dry-run') ? 'dry-run' : 'real',
      ...(envName !== undefined && { envName }),
      ...(failAt !== undefined && { failAt }),
      selection: { ...(from && { from }), ...(only.length > 0 && { only }), ...(until && { until }) },
    }),
  );
}
