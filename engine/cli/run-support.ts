/**
 * What `play` and `resume` share at the CLI level: the real process runner
 * and prompter, signal handling wired to the running session, reports at
 * the end, and the exit code of a run.
 */
import { cacheDir } from '../catalog/cache.js';
import { normalizeLang } from '../i18n/language.js';
import type { RunStatus } from '../run/events.js';
import type { ProcessRunner } from '../run/exec.js';
import type { RunSummary } from '../run/finish.js';
import type { PlayOptions } from '../run/play.js';
import type { Prompter } from '../run/prompter.js';
import type { RunSession } from '../run/session.js';
import { stateDir } from '../run/state-dir.js';
import { createUi, type Ui } from '../run/ui.js';
import type { CliContext } from './context.js';
import { EXIT } from './exit-code.js';
import { flag, listValue, stringValue, type ParsedArgs } from './parse-args.js';

/** The options `play` and `resume` take from the same flags and the same runtime. */
export type SharedRunOptions = Pick<
  PlayOptions,
  'yes' | 'allowDestructive' | 'force' | 'paramPairs' | 'paramsFile' | 'stateDir' | 'cwd' | 'env' | 'runner' | 'prompter' | 'ui' | 't' | 'progress' | 'onSession'
>;

/**
 * Runs `start` with the shared options, signal handling attached to its
 * session, and the reports written at the end whatever happened; returns
 * the exit code of the run.
 */
export async function driveRun(ctx: CliContext, args: ParsedArgs, start: (options: SharedRunOptions) => Promise<RunSummary>): Promise<number> {
  const yes = flag(args, 'yes');
  const ui = createUi(ctx.stdout, ctx.style, ctx.t);
  const runtime = await runtimeFor(ctx, yes);
  const paramsFile = stringValue(args, 'params');
  let session: RunSession | undefined;
  try {
    const summary = await start({
      yes,
      allowDestructive: flag(args, 'allow-destructive'),
      force: flag(args, 'force'),
      paramPairs: listValue(args, 'param'),
      ...(paramsFile !== undefined && { paramsFile }),
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
    return exitFor(summary.status);
  } finally {
    runtime.detach();
    if (session) await writeRunReports(ctx, session.runDir, session.graph.runbook.frontMatter.lang, ui);
  }
}

export interface Runtime {
  runner: ProcessRunner;
  prompter?: Prompter;
  attach(session: RunSession): void;
  detach(): void;
}

export async function runtimeFor(ctx: CliContext, yes: boolean): Promise<Runtime> {
  const { createExecaRunner } = await import('../run/exec-execa.js');
  const promptAbort = new AbortController();
  const prompter = yes ? undefined : (await import('../run/prompter-inquirer.js')).createInquirerPrompter(ctx.stdout as NodeJS.WritableStream, promptAbort.signal, ctx.t('prompt.selectHelp'));
  let session: RunSession | undefined;
  const onInterrupt = () => {
    if (!session || session.foreground) return;
    if (session.stepAbort && !session.stepAbort.signal.aborted) {
      // Ctrl+C during a step stops that step's process group; the failure prompt follows.
      session.stepAbort.abort();
      if (yes) session.terminated = 'SIGINT';
    } else {
      session.terminated = 'SIGINT';
      promptAbort.abort();
    }
  };
  const onTerminate = (signal: NodeJS.Signals) => () => {
    if (!session) return;
    session.terminated = signal;
    session.stepAbort?.abort();
    promptAbort.abort();
  };
  const term = onTerminate('SIGTERM');
  const hup = onTerminate('SIGHUP');
  return {
    runner: createExecaRunner(),
    ...(prompter && { prompter }),
    attach(s) {
      session = s;
      process.on('SIGINT', onInterrupt);
      process.on('SIGTERM', term);
      process.on('SIGHUP', hup);
    },
    detach() {
      process.off('SIGINT', onInterrupt);
      process.off('SIGTERM', term);
      process.off('SIGHUP', hup);
    },
  };
}

export function exitFor(status: RunStatus): number {
  return status === 'succeeded' ? EXIT.ok : status === 'aborted' ? EXIT.aborted : EXIT.failed;
}

/** Reports follow the runbook's `lang` unless `--lang` was given. A report that cannot be written never loses the run: the journal is already complete. */
export async function writeRunReports(ctx: CliContext, runDir: string, runbookLang: string | undefined, ui: Ui): Promise<void> {
  try {
    const { writeReports } = await import('../report/write-reports.js');
    const lang = ctx.langExplicit ? ctx.lang : (normalizeLang(runbookLang) ?? ctx.lang);
    const paths = await writeReports(runDir, { lang, cacheDir: cacheDir(ctx.env) });
    ui.line(ctx.t('run.reportAt', { md: paths.md, html: paths.html }));
  } catch (error) {
    ui.warn(ctx.t('run.reportFailed', { reason: error instanceof Error ? error.message : String(error) }));
  }
}
