/** What `play` and `resume` are given by their caller (the CLI, a test, a library user). */
import type { Translate } from '../i18n/translate.js';
import type { ProcessRunner } from '../process/runner.js';
import type { Attendance, ChosenEnvironment, StopControl } from './context.js';
import type { Ui } from './operator/ui.js';
import type { ProgressRenderer } from './preflight/preconditions.js';

export interface RunOptions {
  /** Who answers: an operator with a prompter, or nobody (`--yes`). */
  attendance: Attendance;
  paramPairs: string[];
  paramsFile?: string;
  stateDir: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  runner: ProcessRunner;
  ui: Ui;
  t: Translate;
  progress: ProgressRenderer;
  stop: StopControl;
  /** Take the lock even if another run of this runbook and environment holds it. */
  force?: boolean;
  now?: () => number;
  /**
   * Prepares the chosen environment before anything runs (the CLI points the `lab` environment
   * into the lab and refuses it when no lab answers); it may throw to refuse the run.
   */
  /** Environments used only when named (`--env`), never chosen by default (the CLI: `lab`). */
  namedOnlyEnvironments?: readonly string[];
  prepareEnvironment?(chosen: ChosenEnvironment | undefined, dryRun: boolean): Promise<ChosenEnvironment | undefined>;
  /** Called once the run has a directory (so the caller can write its reports whatever happens next). */
  onRunDir?(runDir: string): void;
}
