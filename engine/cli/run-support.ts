/**
 * What `play` and `resume` share at the CLI level: the real process runner
 * and prompter, OS signals turned into the run's stop signal, reports at
 * the end, and the exit code of a run.
 */
import type { RunStatus } from '../journal/events.js';
import { stateDir } from '../journal/layout.js';
import type { Attendance, StopControl } from '../run/context.js';
import type { RunSummary } from '../run/finish.js';
import type { Ui } from '../run/operator/ui.js';
import { createUi } from '../run/operator/ui.js';
import type { RunOptions } from '../run/options.js';
import type { CliContext } from './context.js';
import { EXIT } from './exit-code.js';
import { flag, listValue, stringValue, type ParsedArgs } from './parse-args.js';

/**
 * Runs `start` with the options every run takes from the same flags and
 * runtime, signals wired to its stop control, and the reports written at the
 * end whatever happened; returns the exit code of the run.
 */
export async function driveRun(ctx: CliContext, args: ParsedArgs, start: (options: RunOptions) => Promise<RunSummary>): Promise<number> {
  const yes = flag(args, 'yes');
  const ui = createUi(ctx.stdout, ctx.style, ctx.t, { live: ctx.stdout.isTTY === true });
  const stop = signalStop();
  const confirmEnv = stringValue(args, 'confirm-env');
  const attendance = await attendanceFor(ctx, yes, { allowDestructive: flag(args, 'allow-destructive'), ...(confirmEnv !== undefined && { confirmEnv }) }, stop.control.signal);
  const paramsFile = stringValue(args, 'params');
  const { createProcessRunner } = await import('../process/spawn.js');
  let runDir: string | undefined;
  try {
    const summary = await start({
      attendance,
      force: flag(args, 'force'),
      paramPairs: listValue(args, 'param'),
      ...(paramsFile !== undefined && { paramsFile }),
      stateDir: stateDir(ctx.env, stringValue(args, 'state-dir'), ctx.cwd),
      cwd: ctx.cwd,
      env: ctx.env,
      runner: createProcessRunner(),
      ui,
      t: ctx.t,
      progress: ctx.stdout.isTTY ? 'default' : 'simple',
      stop: stop.control,
      prepareEnvironment: async (chosen, dryRun) => {
        if (chosen?.name !== 'lab') return chosen;
        const { prepareLabEnvironment } = await import('../lab/index.js');
        return prepareLabEnvironment(chosen, { env: ctx.env, cwd: ctx.cwd, dryRun });
      },
      onRunDir: (dir) => {
        runDir = dir;
      },
    });
    return exitFor(summary.status);
  } finally {
    stop.detach();
    if (runDir !== undefined) await writeRunReports(ctx, runDir, ui);
  }
}

async function attendanceFor(ctx: CliContext, yes: boolean, unattended: { allowDestructive: boolean; confirmEnv?: string }, signal: AbortSignal): Promise<Attendance> {
  if (yes) return { kind: 'unattended', ...unattended };
  const { createInquirerPrompter, promptLabels } = await import('../run/operator/prompter-inquirer.js');
  return { kind: 'attended', prompter: createInquirerPrompter(ctx.stdout as NodeJS.WritableStream, signal, promptLabels(ctx.t)) };
}

/**
 * SIGINT, SIGTERM and SIGHUP stop the run: the signal's name is the abort
 * reason. While an interactive step owns the terminal, Ctrl+C is its own.
 */
function signalStop(): { control: StopControl; detach(): void } {
  const controller = new AbortController();
  let foreground = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signal === 'SIGINT' && foreground > 0) return;
    if (!controller.signal.aborted) controller.abort(signal);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, onSignal);
  return {
    control: {
      signal: controller.signal,
      async foreground(work) {
        foreground++;
        try {
          return await work();
        } finally {
          foreground--;
        }
      },
    },
    detach() {
      for (const s of signals) process.off(s, onSignal);
    },
  };
}

export function exitFor(status: RunStatus): number {
  return status === 'succeeded' ? EXIT.ok : status === 'aborted' ? EXIT.aborted : EXIT.failed;
}

/** Reports follow the runbook's `lang` unless `--lang` was given. A report that cannot be written never loses the run: the journal is already complete. */
export async function writeRunReports(ctx: CliContext, runDir: string, ui: Ui): Promise<void> {
  try {
    const { writeReports } = await import('../report/write-reports.js');
    const paths = await writeReports(runDir, { ...(ctx.langExplicit && { lang: ctx.lang }), fallbackLang: ctx.lang });
    ui.line(ctx.t('run.reportAt', { md: paths.md, html: paths.html }));
  } catch (error) {
    ui.warn(ctx.t('run.reportFailed', { reason: error instanceof Error ? error.message : String(error) }));
  }
}
