/** The state of one run while it is played: what every part of the run loop shares. */
import type { StepGraph } from '../graph/build.js';
import type { Translate } from '../i18n/translate.js';
import type { Step } from '../model.js';
import type { RunMode, StepStatus } from './events.js';
import type { ProcessRunner } from './exec.js';
import type { Journal } from './journal-write.js';
import type { Lock } from './lock.js';
import type { Masker } from './mask.js';
import type { ChosenEnvironment } from './preflight/environment.js';
import type { Prompter } from './prompter.js';
import type { Ui } from './ui.js';

export interface RunSession {
  runId: string;
  runDir: string;
  graph: StepGraph;
  mode: RunMode;
  /** `--yes`: no prompts. */
  yes: boolean;
  allowDestructive: boolean;
  environment?: ChosenEnvironment;
  params: Record<string, string>;
  secretNames: Set<string>;
  captures: Record<string, string>;
  baseEnv: NodeJS.ProcessEnv;
  cwd: string;
  masker: Masker;
  journal: Journal;
  runner: ProcessRunner;
  prompter?: Prompter;
  ui: Ui;
  t: Translate;
  /** Epoch ms when the run started (first start, kept across resume). */
  startedAt: number;
  now: () => number;
  destructiveRan: boolean;
  escalated: boolean;
  statuses: Map<string, StepStatus>;
  /** Aborts the step that is running (Ctrl+C, SIGTERM, SIGHUP). */
  stepAbort?: AbortController;
  /** An `interactive` step owns the terminal: Ctrl+C is its own business. */
  foreground?: boolean;
  /** Set by SIGTERM/SIGHUP: stop after the running step, record why. */
  terminated?: string;
  logCounter: number;
  /** This run's lock on its runbook and environment, released when the run finishes. */
  lock?: Lock;
}

export function stepOf(session: RunSession, id: string): Step {
  const step = session.graph.runbook.steps.find((s) => s.id === id);
  if (!step) throw new Error(`step ${id} is not in the runbook`);
  return step;
}

export function isSecretName(session: RunSession, name: string): boolean {
  return session.secretNames.has(name);
}
