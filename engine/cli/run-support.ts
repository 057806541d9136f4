/**
 * What `play` and `resume` share at the CLI level: the real process runner
 * and prompter, OS signals turned into the run's stop signal, reports at
 * the end, and the exit code of a run.
 */
import { cacheDir, textCache } from '../catalog/cache.js';
import { UsageError } from '../errors.js';
import { createProcessRunner } from '../process/spawn.js';
import { writeReports } from '../report/write-reports.js';
import type { RunStatus } from '../journal/events.js';
import { MASK } from '../model.js';
import type { Prompter } from '../run/operator/prompter.js';
import { stateDir } from '../journal/layout.js';
import type { Attendance, StopControl } from '../run/context.js';
import type { RunSummary } from '../run/finish.js';
import type { Ui } from '../run/operator/ui.js';
import { createUi } from '../run/operator/ui.js';
import type { RunOptions } from '../run/options.js';
import type { CliContext } from './context.js';
import { LAB_ENVIRONMENT } from '../lab/name.js';
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
  const stop = signalStop(ctx);
  const confirmEnv = stringValue(args, 'confirm-env');
  const { attendance, close } = await attendanceFor(ctx, ui, yes, { allowDestructive: flag(args, 'allow-destructive'), ...(confirmEnv !== undefined && { confirmEnv }) }, AbortSignal.any([stop.control.signal, ctx.terminalLost])).catch((error: unknown) => {
    stop.detach();
    throw error;
  });
  const paramsFile = stringValue(args, 'params');
  let runDir: string | undefined;
  const runner = createProcessRunner();
  try {
    const summary = await start({
      attendance,
      force: flag(args, 'force'),
      paramPairs: listValue(args, 'param'),
      ...(paramsFile !== undefined && { paramsFile }),
      stateDir: stateDir(ctx.env, stringValue(args, 'state-dir'), ctx.cwd),
      cwd: ctx.cwd,
      env: ctx.env,
      runner,
      ui,
      t: ctx.t,
      progress: ctx.stdout.isTTY ? 'default' : 'simple',
      stop: stop.control,
      namedOnlyEnvironments: [LAB_ENVIRONMENT],
      prepareEnvironment: async (chosen, dryRun) => {
        if (chosen?.name !== LAB_ENVIRONMENT) return chosen;
        const { prepareLabEnvironment } = await import('../lab/index.js');
        return prepareLabEnvironment(chosen, { env: ctx.env, cwd: ctx.cwd, dryRun });
      },
      onRunDir: (dir) => {
        runDir = dir;
      },
    });
    return exitFor(summary.status);
  } finally {
    runner.close?.();
    close();
    stop.detach();
    if (runDir !== undefined) await writeRunReports(ctx, runDir, ui);
  }
}

const ECHO_SETTLE_MS = 250;

/** Questions can be asked: a terminal on stdin (stdout may be piped: they are then drawn on `/dev/tty`). */
export function canAsk(ctx: CliContext): boolean {
  return ctx.interactive || ctx.stdin.isTTY === true;
}

async function attendanceFor(ctx: CliContext, ui: Ui, yes: boolean, unattended: { allowDestructive: boolean; confirmEnv?: string }, signal: AbortSignal): Promise<{ attendance: Attendance; close(): void }> {
  if (yes) return { attendance: { kind: 'unattended', ...unattended }, close: () => undefined };
  const { promptTerminal } = await import('./prompt-terminal.js');
  const terminal = promptTerminal(ctx);
  if (!terminal) throw new UsageError('error.needsTty', { command: 'play' });
  const { createInquirerPrompter, promptLabels } = await import('../run/operator/prompter-inquirer.js');
  const prompter = createInquirerPrompter(terminal.output, signal, promptLabels(ctx.t));
  return { attendance: { kind: 'attended', prompter: terminal.separate ? transcribed(prompter, ui, ctx.t) : prompter }, close: terminal.close };
}

/**
 * When the questions are drawn on the terminal and stdout is a transcript, each question and its answer go into the
 * transcript too. A question waits a moment first: `tee` echoes the transcript onto the same terminal, and a question
 * drawn before the echo would be scrolled over by it.
 */
function transcribed(prompter: Prompter, ui: Ui, t: CliContext['t']): Prompter {
  const note = (message: string, answer: string) => ui.line(`? ${message} ${answer}`);
  const settle = async () => {
    await ui.drained();
    await new Promise((resolve) => setTimeout(resolve, ECHO_SETTLE_MS));
  };
  return {
    async choose(message, choices, defaultValue) {
      await settle();
      const value = await prompter.choose(message, choices, defaultValue);
      note(message, choices.find((c) => c.value === value)?.label ?? value);
      return value;
    },
    async text(message, options) {
      await settle();
      const value = await prompter.text(message, options);
      note(message, value.includes('\n') ? `\n${value}` : value);
      return value;
    },
    async secret(message, options) {
      await settle();
      const value = await prompter.secret(message, options);
      note(message, MASK);
      return value;
    },
    async confirm(message, defaultValue) {
      await settle();
      const value = await prompter.confirm(message, defaultValue);
      note(message, t(value ? 'prompt.answeredYes' : 'prompt.answeredNo'));
      return value;
    },
  };
}

/**
 * SIGINT and SIGTERM stop the run: the signal's name is the abort reason,
 * the running step's group is stopped. SIGHUP (a lost SSH session, a closed
 * terminal) — like EPIPE/EIO on the terminal — only says the terminal is
 * gone: the running step is let finish. While an interactive step owns the
 * terminal, Ctrl+C is its own.
 */
function signalStop(ctx: CliContext): { control: StopControl; detach(): void } {
  const controller = new AbortController();
  let foreground = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signal === 'SIGHUP') return ctx.loseTerminal('SIGHUP');
    if (signal === 'SIGINT' && foreground > 0) return;
    if (!controller.signal.aborted) controller.abort(signal);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, onSignal);
  return {
    control: {
      signal: controller.signal,
      lost: ctx.terminalLost,
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

/** 0 only for a finished, successful run; 130 for a stop (resumable) or an abort; 1 for a failed run. */
export function exitFor(status: RunStatus | 'stopped'): number {
  return status === 'succeeded' ? EXIT.ok : status === 'aborted' || status === 'stopped' ? EXIT.aborted : EXIT.failed;
}

/** Reports follow the runbook's `lang` unless `--lang` was given. A report that cannot be written never loses the run: the journal is already complete. */
export async function writeRunReports(ctx: CliContext, runDir: string, ui: Ui): Promise<void> {
  try {
    const cache = textCache(cacheDir(ctx.env));
    const paths = await writeReports(runDir, { ...(ctx.langExplicit && { lang: ctx.lang }), fallbackLang: ctx.lang, ...(cache !== undefined && { cache }) });
    ui.line(ctx.t('run.reportAt', { md: paths.md, html: paths.html }));
  } catch (error) {
    ui.warn(ctx.t('run.reportFailed', { reason: error instanceof Error ? error.message : String(error) }));
  }
}
