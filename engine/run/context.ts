/**
 * What every part of a run shares, fixed when the run starts: the graph,
 * the environment, who answers (an operator with a prompter, or nobody),
 * the masker, the runner, the clock, the screen and the stop signal.
 * Nothing here changes during the run; what happens is appended to the
 * journal, and the run's state is the journal's fold (`journal.state`).
 * Variables are the one store that grows, through `Variables.set`.
 */
import { FailedError } from '../errors.js';
import type { StepGraph } from '../graph/build.js';
import type { Translate } from '../i18n/translate.js';
import type { EnvironmentSpec, Step } from '../model.js';
import type { RunMode } from '../journal/events.js';
import type { Journal } from '../journal/write.js';
import type { ProcessRunner } from '../process/runner.js';
import type { Masker } from './mask.js';
import type { Prompter } from './operator/prompter.js';
import type { Ui } from './operator/ui.js';
import type { Variables } from './variables.js';

/** An operator at a terminal answers every question. */
export interface Attended {
  kind: 'attended';
  prompter: Prompter;
}

/** `--yes`: nobody answers; decisions are taken automatically and journaled as such. */
export interface Unattended {
  kind: 'unattended';
  /** `--allow-destructive`: destructive steps may run. */
  allowDestructive: boolean;
  /** `--confirm-env NAME`: the protected environment's name, typed ahead. */
  confirmEnv?: string;
}

/** Under `--yes`, a protected environment runs only when `--confirm-env` names it. */
export function checkConfirmedEnv(attendance: Attendance, environment: ChosenEnvironment | undefined, dryRun: boolean): void {
  if (attendance.kind !== 'unattended' || !environment?.spec.protected || dryRun) return;
  if (attendance.confirmEnv === undefined) throw new FailedError('error.confirmEnvNeeded', { env: environment.name });
  if (attendance.confirmEnv !== environment.name) throw new FailedError('error.confirmEnvWrong', { env: environment.name, given: attendance.confirmEnv });
}

export type Attendance = Attended | Unattended;

export interface ChosenEnvironment {
  name: string;
  spec: EnvironmentSpec;
}

/**
 * How the CLI stops a run. `signal` stops now (SIGINT, SIGTERM: the running
 * step's group is stopped); `lost` says the terminal went away (SIGHUP,
 * EPIPE, EIO): the running step is let finish, then an attended run stops
 * and an unattended one goes on. Each reason is the signal's or error's name.
 */
export interface StopControl {
  readonly signal: AbortSignal;
  readonly lost: AbortSignal;
  /** While `work` runs, Ctrl+C belongs to the interactive step that owns the terminal. */
  foreground<T>(work: () => Promise<T>): Promise<T>;
}

export interface Clock {
  now(): number;
  /** Epoch ms when the run first started (kept across resume). */
  readonly startedAt: number;
}

export interface RunContext {
  readonly runId: string;
  readonly runDir: string;
  readonly graph: StepGraph;
  readonly steps: ReadonlyMap<string, Step>;
  readonly mode: RunMode;
  readonly attendance: Attendance;
  readonly environment: ChosenEnvironment | undefined;
  readonly variables: Variables;
  readonly masker: Masker;
  readonly journal: Journal;
  readonly runner: ProcessRunner;
  readonly ui: Ui;
  readonly t: Translate;
  readonly clock: Clock;
  readonly stop: StopControl;
  /** Where relative paths start (the directory `runbook` was started in). */
  readonly cwd: string;
  /** `--dry-run --fail-at STEP`: the step whose first attempt fails in the dry run (a rehearsal). */
  readonly failAt?: string;
}

/** A stop control for callers without a terminal (library use, tests). */
export function stopControl(signal: AbortSignal = new AbortController().signal, lost: AbortSignal = new AbortController().signal): StopControl {
  return { signal, lost, foreground: (work) => work() };
}

export function stepOf(ctx: RunContext, id: string): Step {
  const step = ctx.steps.get(id);
  if (!step) throw new Error(`step ${id} is not in the runbook`);
  return step;
}

/** Why the run was stopped from outside (SIGINT, SIGTERM), once it was. */
export function stopReason(ctx: RunContext): string | undefined {
  return reasonName(ctx.stop.signal);
}

/**
 * Why the run must stop after the step that is running: a stop, or — for an
 * attended run only — the terminal that went away. An unattended run goes
 * on to its end without a terminal.
 */
export function stopAfterStep(ctx: RunContext): string | undefined {
  return stopReason(ctx) ?? (ctx.attendance.kind === 'attended' ? reasonName(ctx.stop.lost) : undefined);
}

function reasonName(signal: AbortSignal): string | undefined {
  if (!signal.aborted) return undefined;
  const why: unknown = signal.reason;
  return typeof why === 'string' ? why : 'SIGINT';
}
