/** `runbook resume [run-id]`: continue the latest unfinished run (or the one named) from its journal. */
import { UsageError } from '../../errors.js';
import type { RunSummary } from '../../run/finish.js';
import { resume } from '../../run/resume.js';
import type { RunSession } from '../../run/session.js';
import { stateDir } from '../../run/state-dir.js';
import { createUi } from '../../run/ui.js';
import type { CliContext } from '../context.js';
import { flag, listValue, stringValue, type ParsedArgs } from '../parse-args.js';
import { exitFor, runtimeFor, writeRunReports } from '../run-support.js';

export async function run(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const yes = flag(args, 'yes');
  if (!yes && !ctx.interactive) throw new UsageError('error.needsTty', { command: 'resume' });
  if (args.positionals.length > 1) throw new UsageError('error.extraArgs', { command: 'resume', extra: args.positionals.slice(1).join(' ') });
  const ui = createUi(ctx.stdout, ctx.style, ctx.t);
  const runtime = await runtimeFor(ctx, yes);
  let summary: RunSummary | undefined;
  let session: RunSession | undefined;
  try {
    summary = await resume({
      ...(args.positionals[0] !== undefined && { runId: args.positionals[0] }),
      yes,
      allowDestructive: flag(args, 'allow-destructive'),
      force: flag(args, 'force'),
      paramPairs: listValue(args, 'param'),
      ...(stringValue(args, 'params') !== undefined && { paramsFile: stringValue(args, 'params') as string }),
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
    if (session) await writeRunReports(ctx, session.runDir, session.graph.runbook.frontMatter.lang, ui);
  }
  return exitFor(summary.status);
}
