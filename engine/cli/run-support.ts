/**
 * What `play` and `resume` share at the CLI level: the real process runner
 * and prompter, signal handling wired to the running session, reports at
 * the end, and the exit code of a run.
 */
import type { RunStatus } from '../run/events.js';
import type { ProcessRunner } from '../run/exec.js';
import type { Prompter } from '../run/prompter.js';
import type { RunSession } from '../run/session.js';
import type { Ui } from '../run/ui.js';
import type { CliContext } from './context.js';
import { EXIT } from './exit-code.js';
import { normalizeLang } from '../i18n/language.js';

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
    const paths = await writeReports(runDir, { lang });
    ui.line(ctx.t('run.reportAt', { md: paths.md, html: paths.html }));
  } catch (error) {
    ui.warn(ctx.t('run.reportFailed', { reason: error instanceof Error ? error.message : String(error) }));
  }
}
