/**
 * Journal events: one JSON object per line in `<run-dir>/journal.jsonl`,
 * appended before the engine moves on. The journal is a record of facts —
 * ids, codes, times, the operator's own words, and message keys with their
 * data — never of sentences the engine translated: the screen and the
 * reports render a `Reason` in their own language. Secret values never
 * appear in any event (they are masked before the event is built).
 *
 * Schema 2 (this file) is what `run-started.schema` says; journals written
 * before it (no `schema`) are upgraded when read (`read.ts`).
 */
import type { MessageKey } from '../i18n/en.js';
import type { Escalation, Severity } from '../model.js';

export const JOURNAL_SCHEMA = 2;

/**
 * How the steps without an explicit id were named: 2 = manual-step ids of at most 32 characters.
 * Journals without `idRule` were written under the rule before it (48): resume names the steps by
 * their `legacyId` for them.
 */
export const STEP_ID_RULE = 2;

export type RunMode = 'real' | 'dry-run';

/** Where a step ran: the normal flow, as an on-failure handler, or on the rollback path. */
export type Phase = 'flow' | 'handler' | 'rollback';

export type StepStatus =
  | 'succeeded'
  | 'failed'
  | 'recovered' // failed, then its on-failure handler succeeded
  | 'skipped' // by the operator, by --from/--only/--until, or by a false `if`
  | 'done' // manual step confirmed, or marked done on resume
  | 'not-confirmed' // manual step under --yes
  | 'dry-run' // shown, not executed
  | 'interrupted'; // Ctrl+C, signal or crash during the step

export type RunStatus = 'succeeded' | 'failed' | 'aborted' | 'rolled-back';

export type Choice =
  | 'run'
  | 'skip'
  | 'edit'
  | 'note'
  | 'abort'
  | 'retry'
  | 'edit-retry'
  | 'handler'
  | 'rollback'
  | 'done'
  | 'rerun'
  | 'mark-done'
  | 'continue'
  | 'stop-process'
  /** The typed confirmation of a destructive step in a protected environment: accepted or refused. */
  | 'confirmed'
  | 'refused'
  /** A step blocked by a safety step that did not run: run that step now, or go on without it (its id typed). */
  | 'run-missing'
  | 'override'
  /** One of a group of alternative sections (`graph/alternatives.ts`): reason data `group`, `option` (indexes) and `title`. */
  | 'alternative';

/** How a destructive step was confirmed: its id or environment typed, or a yes/no question answered. */
export type Confirmation = 'typed' | 'question';

/** Values a message is rendered with. */
export type ReasonData = Record<string, string | number>;

/** Why something happened, as a catalog key and its values; rendered at display time. */
export interface Reason {
  key: MessageKey;
  data: ReasonData;
}

export interface RunbookRef {
  id: string;
  title: string;
  path: string;
  sha256: string;
  severity?: Severity;
  lang?: string;
  owner?: string;
}

/** What the report needs to know about each step, recorded when the run starts. */
export interface StepRef {
  id: string;
  kind: 'command' | 'manual';
  /** The heading of the step's section. */
  section: string;
  /** The command as written, secrets masked; for manual steps, the task text. */
  text: string;
  destructive: boolean;
  rollback: boolean;
}

interface EventBase {
  /** 1-based, strictly increasing. */
  seq: number;
  /** ISO 8601, UTC. */
  at: string;
}

export interface RunStartedEvent extends EventBase {
  type: 'run-started';
  /** The journal schema (absent in journals written before schema 2). */
  schema?: number;
  /** `STEP_ID_RULE` when the run started; absent in journals whose manual-step ids were of up to 48 characters. */
  idRule?: number;
  runId: string;
  runbook: RunbookRef;
  /** The runbook's source as it was when the run started, secrets masked (to diff on resume). */
  source: string;
  /** Every step of the runbook, in document order. */
  steps: StepRef[];
  escalation?: Escalation;
  git?: { commit: string; dirty: boolean };
  operator: string;
  host: string;
  env?: string;
  protectedEnv: boolean;
  mode: RunMode;
  /** Param values; secret ones are `••••••`. */
  params: Record<string, string>;
  secretParams: string[];
  engineVersion: string;
  /** `--yes` (no prompts) or an operator at a terminal. */
  interactive: boolean;
  /** The steps chosen by --from/--only/--until, in order. */
  plan: string[];
}

export interface MissingRequirements {
  commands: string[];
  env: string[];
  files: string[];
}

export interface PreflightEvent extends EventBase {
  type: 'preflight';
  check: 'environment' | 'params' | 'requires' | 'precondition';
  name: string;
  status: 'passed' | 'failed' | 'warned' | 'skipped';
  severity?: 'error' | 'warn';
  exitCode?: number | null;
  durationMs?: number;
  /** The check's own output (masked). */
  detail?: string;
  /** What `requires` found missing. */
  missing?: MissingRequirements;
}

export interface StepStartedEvent extends EventBase {
  type: 'step-started';
  step: string;
  phase: Phase;
  attempt: number;
  kind: 'command' | 'manual';
  /** The command as run (after any edit), secrets masked. */
  command?: string;
  /** In journals written before the process was recorded on its own (`step-process`). */
  pid?: number;
  pgid?: number;
  /** Step log path, relative to the run directory. */
  log?: string;
}

/**
 * The process of an attempt that has started (`step-started` is written
 * before the spawn, this right after it). Polling (`wait`) starts one per poll.
 */
export interface StepProcessEvent extends EventBase {
  type: 'step-process';
  step: string;
  phase: Phase;
  attempt: number;
  /** The step's shell: its liveness is the step's. */
  pid: number;
  /** Process group id: the step's process runs in its own group (absent for an interactive step). */
  pgid?: number;
}

export interface StepFinishedEvent extends EventBase {
  type: 'step-finished';
  step: string;
  phase: Phase;
  attempt: number;
  status: StepStatus;
  exitCode?: number | null;
  signal?: string | null;
  timedOut?: boolean;
  durationMs: number;
  /** Bytes the step printed (stdout + stderr), even past the log cap. */
  outputBytes: number;
  log?: string;
  /** Why the step log is incomplete (the error code of the write that failed, e.g. `ENOSPC`). */
  logIncomplete?: string;
  /** Unified diff when the output did not match the step's expect block (at most 200 lines / 16 KiB; the step log has all of it). */
  expectDiff?: string;
  /** Why the step was skipped or failed, when the engine knows. */
  reason?: Reason;
  /** The operator's own words (the reason typed when skipping). */
  text?: string;
}

export interface DecisionEvent extends EventBase {
  type: 'decision';
  step?: string;
  choice: Choice;
  /** What the choice was about, when the engine asked it (a question, a failed precondition). */
  reason?: Reason;
  /** The operator's own words, or the runbook's (a precondition's name). */
  text?: string;
  /** The edited command, secrets masked. */
  command?: string;
  /**
   * For `confirmed`/`refused`: how the destructive step was confirmed — `typed` (its id or the
   * protected environment's name, typed; `--confirm-env` under `--yes`) or `question` (the yes/no
   * question outside protected environments). Absent in journals written before it was recorded.
   */
  confirmation?: Confirmation;
  /** True when taken automatically (`--yes`) rather than by the operator. */
  automatic: boolean;
}

export interface NoteEvent extends EventBase {
  type: 'note';
  step?: string;
  text: string;
}

export interface VariableEvent extends EventBase {
  type: 'variable';
  step: string;
  name: string;
  /** Absent for secret captures: they are asked again on resume. */
  value?: string;
  secret: boolean;
}

/**
 * What a step's shell left for the steps after it (one session, like a
 * terminal): variables it assigned or exported, and its directory after a
 * `cd`. Values of a `secret` step (or that hold a secret) are named, never
 * written: on resume they are asked by name.
 */
export interface SessionEvent extends EventBase {
  type: 'session';
  step: string;
  /** Name → value, secrets masked. */
  vars: Record<string, string>;
  /** Names whose values are secret (not in `vars`). */
  secret: string[];
  /** The directory the step ended in, when it changed. */
  cwd?: string;
}

/** An inferred param asked before the first step that needs it (attended): journaled like the params of `run-started`. */
export interface ParamEvent extends EventBase {
  type: 'param';
  name: string;
  value: string;
  /** The step it was asked for. */
  step: string;
}

export interface EscalationEvent extends EventBase {
  type: 'escalation';
  afterMs: number;
  contacts: string[];
}

export interface ResumedEvent extends EventBase {
  type: 'resumed';
  operator: string;
  host: string;
  /** The step that was running when the previous process stopped. */
  interrupted?: string;
  runbookChanged: boolean;
  /** True when the previous process left no `run-finished` event (crash, kill -9). */
  afterCrash: boolean;
  tornLine: boolean;
}

export interface RunFinishedEvent extends EventBase {
  type: 'run-finished';
  status: RunStatus;
  reason?: Reason;
  durationMs: number;
}

/**
 * The run stopped without finishing (SIGINT, SIGTERM, a lost terminal): it
 * stays resumable. `after` is the step that finished while nobody watched.
 */
export interface RunStoppedEvent extends EventBase {
  type: 'run-stopped';
  /** SIGINT, SIGTERM, SIGHUP, EPIPE, EIO. */
  signal: string;
  reason?: Reason;
  after?: string;
}

export type JournalEvent =
  | RunStartedEvent
  | PreflightEvent
  | StepStartedEvent
  | StepProcessEvent
  | StepFinishedEvent
  | DecisionEvent
  | NoteEvent
  | VariableEvent
  | SessionEvent
  | ParamEvent
  | EscalationEvent
  | ResumedEvent
  | RunStoppedEvent
  | RunFinishedEvent;

/** An event as passed to the journal, before it gets its `seq` and `at`. */
export type NewEvent = JournalEvent extends infer E ? (E extends JournalEvent ? Omit<E, 'seq' | 'at'> : never) : never;

export function reason(key: MessageKey, data: ReasonData = {}): Reason {
  return { key, data };
}

/**
 * How a `confirmed`/`refused` decision was taken (undefined for other choices). Journals
 * written before the kind was recorded tell it by the reason: the yes/no question has its own;
 * anything else was typed.
 */
export function confirmationOf(d: Pick<DecisionEvent, 'choice' | 'confirmation' | 'reason'>): Confirmation | undefined {
  if (d.choice !== 'confirmed' && d.choice !== 'refused') return undefined;
  return d.confirmation ?? (d.reason?.key === 'reason.destructiveQuestion' ? 'question' : 'typed');
}
