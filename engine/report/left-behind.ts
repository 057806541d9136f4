/**
 * "State left behind": when a run ends badly, what the journal says is still
 * stopped, changed or unverified — derived, never stored:
 * - a step that stopped services ran and no later step that starts them
 *   succeeded (the `start` step after the failure did not run);
 * - a destructive step ran and the rollback path did not complete;
 * - steps of the plan after the failure that never ran, the checks among them
 *   (an `expect` or `wait` step) named as such.
 * Stopping and starting are read from the step's command words, as the risk
 * table reads them (docs/format.md, "Inferred risk").
 */
import { STEP_ID_RULE, type StepRef } from '../journal/events.js';
import type { AttemptRecord, RunState } from '../journal/fold.js';
import { invocations, type Invocation } from '../parse/command-words.js';
import { inferRisk } from '../parse/risk.js';
import { scanShell } from '../parse/shell-words.js';

export type LeftKind = 'stopped' | 'changed' | 'unverified' | 'not-run';

export interface LeftItem {
  kind: LeftKind;
  step: string;
  /** The message (`left.*`) and its data: the view words it in the report's language. */
  reasonId: LeftKey;
  data: Record<string, string>;
}

export type LeftKey = 'left.stopped' | 'left.stoppedNotStarted' | 'left.changed' | 'left.unverified' | 'left.notRun';

export interface LeftBehind {
  /** True when the rollback path ran and every rollback step in it succeeded. */
  rolledBack: boolean;
  items: LeftItem[];
}

const SERVICE_MANAGERS = new Set(['systemctl', 'service', 'docker', 'podman', 'docker-compose', 'supervisorctl', 'pm2', 'launchctl', 'nerdctl', 'compose', 'kubectl']);
const STARTING = new Set(['start', 'up', 'restart', 'enable', 'unmask', 'unpause', 'resume', 'reload']);
const RAN: ReadonlySet<string> = new Set(['succeeded', 'failed', 'recovered', 'interrupted', 'running']);
const DONE: ReadonlySet<string> = new Set(['succeeded', 'done', 'recovered']);

function calls(command: string): Invocation[] {
  try {
    return scanShell(command).commands.flatMap((words) => invocations(words));
  } catch {
    return [];
  }
}

/** `docker compose up -d`, `systemctl start x`, `kubectl scale --replicas=2`: the command starts something. */
export function startsServices(command: string): boolean {
  return calls(command).some((c) => {
    if (!SERVICE_MANAGERS.has(c.program)) return false;
    if (c.args.some((a, i) => !c.literal[i] && STARTING.has(a))) return true;
    return c.args.includes('scale') && c.args.some((a) => /^--replicas=[1-9]/.test(a));
  });
}

/** What the command stops (`docker compose stop`), as the risk table matched it; undefined when it stops nothing. */
export function stopsServices(command: string): string | undefined {
  const risk = inferRisk(command);
  return risk && (risk.rule === 'stops-service' || risk.rule === 'scale-to-zero') ? risk.match : undefined;
}

/** True when the run ended badly, so the report says what it left behind. */
export function endedBadly(state: RunState): boolean {
  return state.started !== undefined && state.started.mode !== 'dry-run' && state.finished?.status !== 'succeeded';
}

/**
 * Steps whose result is checked: an `expect` block or a `wait` poll, read from the source the
 * journal carries, by the ids the journal uses (`legacyId` for a journal without `idRule`). The Markdown parser is loaded only for a run that ended badly (a run that
 * succeeded loads none, like the rest of `play`).
 */
export async function checkSteps(state: RunState): Promise<ReadonlySet<string>> {
  const started = state.started;
  if (!started || started.source === '' || !endedBadly(state)) return new Set();
  try {
    const { parseRunbook } = await import('../parse/parse-runbook.js');
    const { runbook } = parseRunbook(started.source, started.runbook.path);
    return new Set(runbook.steps.filter((s) => s.kind === 'command' && (s.expect !== undefined || s.waitMs !== undefined)).map((s) => (started.idRule === STEP_ID_RULE ? s.id : (s.legacyId ?? s.id))));
  } catch {
    return new Set();
  }
}

const ran = (r: AttemptRecord) => r.kind === 'command' && RAN.has(r.status);

export function leftBehind(state: RunState, checks: ReadonlySet<string>): LeftBehind | undefined {
  const started = state.started;
  if (!started || !endedBadly(state)) return undefined;
  const refs = new Map<string, StepRef>(started.steps.map((s) => [s.id, s]));
  const text = (id: string, r?: AttemptRecord) => r?.command ?? refs.get(id)?.text ?? '';
  const rollbacks = state.records.filter((r) => r.phase === 'rollback');
  const rolledBack = rollbacks.length > 0 && rollbacks.every((r) => DONE.has(state.lastStatus.get(r.id) ?? r.status));
  const items: LeftItem[] = [];
  const item = (kind: LeftKind, step: string, key: LeftKey, data: Record<string, string> = {}) => items.push({ kind, step, reasonId: key, data: { step, ...data } });

  // Stopped, and nothing that starts services succeeded after it.
  const notRun = started.plan.filter((id) => refs.get(id)?.rollback !== true && (!state.flowStatus.has(id) || state.flowStatus.get(id) === 'interrupted') && !state.records.some((r) => r.id === id && r.phase === 'flow' && r.status === 'failed'));
  const stoppers = new Set<string>();
  state.records.forEach((r, i) => {
    if (!ran(r) || r.phase !== 'flow') return;
    const match = stopsServices(text(r.id, r));
    if (match === undefined || stoppers.has(r.id)) return;
    const restarted = state.records.slice(i + 1).some((later) => later.status === 'succeeded' && later.kind === 'command' && startsServices(text(later.id, later)));
    if (restarted) return;
    stoppers.add(r.id);
    const starter = notRun.find((id) => refs.get(id)?.kind === 'command' && startsServices(text(id)));
    if (starter !== undefined) item('stopped', r.id, 'left.stoppedNotStarted', { match, starter });
    else item('stopped', r.id, 'left.stopped', { match });
  });
  if (!rolledBack) {
    const changed = new Set<string>();
    for (const r of state.records) {
      if (!ran(r) || r.phase !== 'flow' || refs.get(r.id)?.destructive !== true || stoppers.has(r.id) || changed.has(r.id)) continue;
      changed.add(r.id);
      item('changed', r.id, 'left.changed');
    }
    for (const id of notRun) {
      if (refs.get(id)?.kind === 'command' && startsServices(text(id)) && items.some((i) => i.data.starter === id)) continue;
      if (checks.has(id)) item('unverified', id, 'left.unverified');
      else item('not-run', id, 'left.notRun');
    }
  }
  return { rolledBack, items };
}
