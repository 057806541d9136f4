/**
 * The one fold from journal events to the state of a run. The run loop
 * (attempt numbers, statuses, whether a destructive step ran), `resume`
 * (what finished, captured values, the interrupted step), the lock (the
 * running step's process group), the reports and the maintenance log all
 * read this state; none of them walks the events again. Applying an event
 * costs the same at step 5,000 as at step 1.
 */
import type {
  DecisionEvent,
  EscalationEvent,
  JournalEvent,
  NoteEvent,
  Phase,
  PreflightEvent,
  Reason,
  ResumedEvent,
  RunFinishedEvent,
  RunStoppedEvent,
  RunStartedEvent,
  StepStatus,
} from './events.js';

/** One attempt of one step, in the order they ran. */
export interface AttemptRecord {
  id: string;
  phase: Phase;
  attempt: number;
  kind: 'command' | 'manual';
  /** The command as run (after any edit), secrets masked. */
  command?: string;
  startedAt: string;
  finishedAt?: string;
  status: StepStatus | 'running';
  exitCode?: number | null;
  signal?: string | null;
  timedOut?: boolean;
  durationMs: number;
  outputBytes: number;
  /** Step log, relative to the run directory. */
  log?: string;
  /** The shell of a running attempt: the step is alive while it is. */
  pid?: number;
  /** Process group of a running attempt. */
  pgid?: number;
  /** Why the step log is incomplete (e.g. `ENOSPC`). */
  logIncomplete?: string;
  expectDiff?: string;
  reason?: Reason;
  /** The operator's own words (why it was skipped). */
  text?: string;
}

export interface CapturedValue {
  name: string;
  step: string;
  /** Absent for secret values, never journaled. */
  value?: string;
  secret: boolean;
  at: string;
  /** Left by a step's shell (a `session` event) rather than a `capture`. */
  carried?: true;
}

export interface RunState {
  started?: RunStartedEvent;
  finished?: RunFinishedEvent;
  /** The last stop (signal, lost terminal) since the run last started or resumed: the run is resumable. */
  stopped?: RunStoppedEvent;
  /** The last status of each step of the normal flow (and of a recovered step). */
  flowStatus: Map<string, StepStatus>;
  /** The last status of every step that finished, in any phase. */
  lastStatus: Map<string, StepStatus>;
  /** How many attempts of each step have started. */
  attempts: Map<string, number>;
  records: AttemptRecord[];
  /** Attempts that started and have not finished. */
  open: Map<string, AttemptRecord>;
  variables: Map<string, CapturedValue>;
  /** Inferred params asked during the run (`param` events), by name. */
  params: Map<string, string>;
  /** The directory the last step that changed it ended in (`cd` carries over, like a terminal). */
  cwd?: string;
  decisions: DecisionEvent[];
  notes: NoteEvent[];
  preflight: PreflightEvent[];
  resumed: ResumedEvent[];
  escalation?: EscalationEvent;
  /** A destructive step has started (so the rollback path has something to undo). */
  destructiveRan: boolean;
  /** Step-started events so far: numbers the step logs. */
  startedCount: number;
  lastSeq: number;
}

export function emptyRunState(): RunState {
  return {
    flowStatus: new Map(),
    lastStatus: new Map(),
    attempts: new Map(),
    records: [],
    open: new Map(),
    variables: new Map(),
    params: new Map(),
    decisions: [],
    notes: [],
    preflight: [],
    resumed: [],
    destructiveRan: false,
    startedCount: 0,
    lastSeq: 0,
  };
}

/** The run's steps by id, built once per run-started event (a lookup per event must not grow with the run). */
const stepsById = new WeakMap<RunStartedEvent, ReadonlyMap<string, RunStartedEvent['steps'][number]>>();

function stepRef(started: RunStartedEvent | undefined, id: string): RunStartedEvent['steps'][number] | undefined {
  if (!started) return undefined;
  let map = stepsById.get(started);
  if (!map) {
    map = new Map(started.steps.map((s) => [s.id, s]));
    stepsById.set(started, map);
  }
  return map.get(id);
}

function isDestructive(started: RunStartedEvent | undefined, id: string): boolean {
  return stepRef(started, id)?.destructive === true;
}

/** Applies one event to the state (in place: the state is owned by its journal or its reader). */
export function applyEvent(state: RunState, event: JournalEvent): void {
  state.lastSeq = Math.max(state.lastSeq, event.seq);
  switch (event.type) {
    case 'run-started':
      state.started = event;
      return;
    case 'preflight':
      state.preflight.push(event);
      return;
    case 'step-started': {
      const record: AttemptRecord = {
        id: event.step, phase: event.phase, attempt: event.attempt, kind: event.kind, startedAt: event.at, status: 'running', durationMs: 0, outputBytes: 0,
        ...(event.command !== undefined && { command: event.command }),
        ...(event.log !== undefined && { log: event.log }),
        ...(event.pid !== undefined && { pid: event.pid }),
        ...(event.pgid !== undefined && { pgid: event.pgid }),
      };
      state.records.push(record);
      state.open.set(event.step, record);
      state.attempts.set(event.step, Math.max(state.attempts.get(event.step) ?? 0, event.attempt));
      state.startedCount += 1;
      if (event.kind === 'command' && isDestructive(state.started, event.step)) state.destructiveRan = true;
      return;
    }
    case 'step-process': {
      const record = state.open.get(event.step);
      if (!record || record.attempt !== event.attempt) return;
      record.pid = event.pid;
      if (event.pgid === undefined) delete record.pgid;
      else record.pgid = event.pgid;
      return;
    }
    case 'step-finished':
      finishAttempt(state, event);
      return;
    case 'decision':
      state.decisions.push(event);
      return;
    case 'note':
      state.notes.push(event);
      return;
    case 'variable':
      state.variables.set(event.name, { name: event.name, step: event.step, secret: event.secret, at: event.at, ...(event.value !== undefined && { value: event.value }) });
      return;
    case 'session':
      for (const [name, value] of Object.entries(event.vars)) state.variables.set(name, { name, step: event.step, secret: false, at: event.at, value, carried: true });
      for (const name of event.secret) state.variables.set(name, { name, step: event.step, secret: true, at: event.at, carried: true });
      if (event.cwd !== undefined) state.cwd = event.cwd;
      return;
    case 'param':
      state.params.set(event.name, event.value);
      return;
    case 'escalation':
      state.escalation ??= event;
      return;
    case 'resumed':
      for (const record of state.open.values()) record.status = 'interrupted';
      state.open.clear();
      state.resumed.push(event);
      delete state.stopped;
      return;
    case 'run-stopped':
      state.stopped = event;
      return;
    case 'run-finished':
      state.finished = event;
      return;
  }
}

function finishAttempt(state: RunState, event: Extract<JournalEvent, { type: 'step-finished' }>): void {
  if (event.phase === 'flow' || event.status === 'recovered') state.flowStatus.set(event.step, event.status);
  state.lastStatus.set(event.step, event.status);
  const running = state.open.get(event.step);
  state.open.delete(event.step);
  if (!running && event.status === 'recovered') {
    // A recovered step: its failed attempt (already finished) now counts as recovered.
    const failed = findLast(state.records, (r) => r.id === event.step && r.phase === event.phase);
    if (failed) {
      failed.status = 'recovered';
      if (event.reason) failed.reason = event.reason;
      return;
    }
  }
  const record = running ?? unstarted(state, event);
  delete record.pid;
  delete record.pgid;
  record.finishedAt = event.at;
  record.status = event.status;
  record.durationMs = event.durationMs;
  record.outputBytes = event.outputBytes;
  if (event.exitCode !== undefined) record.exitCode = event.exitCode;
  if (event.signal !== undefined) record.signal = event.signal;
  if (event.timedOut !== undefined) record.timedOut = event.timedOut;
  if (event.log !== undefined) record.log = event.log;
  if (event.logIncomplete !== undefined) record.logIncomplete = event.logIncomplete;
  if (event.expectDiff !== undefined) record.expectDiff = event.expectDiff;
  if (event.reason !== undefined) record.reason = event.reason;
  if (event.text !== undefined) record.text = event.text;
}

/** A finish with no start (left out by --from/--only, a false `if`, skipped on resume) gets a record of its own. */
function unstarted(state: RunState, event: Extract<JournalEvent, { type: 'step-finished' }>): AttemptRecord {
  const known = stepRef(state.started, event.step);
  const kind = known?.kind ?? state.records.find((r) => r.id === event.step)?.kind ?? 'command';
  const record: AttemptRecord = { id: event.step, phase: event.phase, attempt: event.attempt, kind, startedAt: event.at, status: event.status, durationMs: 0, outputBytes: 0 };
  state.records.push(record);
  return record;
}

function findLast<T>(list: T[], test: (item: T) => boolean): T | undefined {
  for (let i = list.length - 1; i >= 0; i--) {
    const item = list[i];
    if (item !== undefined && test(item)) return item;
  }
  return undefined;
}

export function foldEvents(events: readonly JournalEvent[]): RunState {
  const state = emptyRunState();
  for (const event of events) applyEvent(state, event);
  return state;
}

/** The attempt that was running when the engine stopped (the last one still open). */
export function interruptedAttempt(state: RunState): AttemptRecord | undefined {
  return [...state.open.values()].pop();
}
