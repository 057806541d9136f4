/** `runbook play <ref>`: walk a runbook step by step (or `--yes` for automation, `--dry-run` for training). */
import { UsageError } from '../../errors.js';
import type { RunSummary } from '../../run/finish.js';
import { play } from '../../run/play.js';
import type { RunSession } from '../../run/session.js';
import { stateDir } from '../../run/state-dir.js';
import { createUi } from '../../run/ui.js';
import type { CliContext } from '../context.js';
import { flag, listValue, stringValue, type ParsedArgs } from '../parse-args.js';
import { runbookFor } from '../runbook-source.js';
import { exitFor, runtimeFor, writeRunReports } from '../run-support.js';

export async function run(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const yes = flag(args, 'yes');
  const dryRun = flag(args, 'dry-run');
  if (!yes && !ctx.interactive) throw new UsageError('error.needsTty', { command: 'play' });
  const loaded = await runbookFor(ctx, args, 'play');
  const ui = createUi(ctx.stdout, ctx.style, ctx.t);
  const runtime = await runtimeFor(ctx, yes);
  let summary: RunSummary | undefined;
  let session: RunSession | undefined;
  try {
    const only = listValue(args, 'only').flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
    summary = await play({
      loaded,
      mode: dryRun ? 'dry-run' : 'real',
      yes,
      allowDestructive: flag(args, 'allow-destructive'),
      force: flag(args, 'force'),
      ...(stringValue(args, 'env') !== undefined && { envName: stringValue(args, 'env') as string }),
      paramPairs: listValue(args, 'param'),
      ...(stringValue(args, 'params') !== undefined && { paramsFile: stringValue(args, 'params') as string }),
      selection: { ...(stringValue(args, 'from') && { from: stringValue(args, 'from') }), ...(only.length > 0 && { only }), ...(stringValue(args, 'until') && { until: stringValue(args, 'until') }) },
      stateDir: stateDir(ctx.env, stringValue(args, 'state-dir'), ctx.cwd),
      cwd: ctx.cwd,
      env: ctx.env,
      runner: runtime.runner,
      ...(runtime.prompter && { prompter: runtime.prompter }),
      ui,
      t: ctx.t,
      progress: ctx.stdout.isTTY ? 'default' : 'simple',
      onSession: (s: RunSession) => {
        session = s;
        runtime.attach(s);
      },
    });
  } finally {
    runtime.detach();
    if (session) await writeRunReports(ctx, session.runDir, loaded.runbook.frontMatter.lang, ui);
  }
  return exitFor(summary.status);
}
