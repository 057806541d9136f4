/**
 * `lab exam [--seed N] [--faults 3] [--minutes 45]` starts a sitting (Parte 3 and
 * the day-5 simulation): the systems are reset, the seeded faults injected.
 * `lab exam --check` scores each fault: repaired (its check passes), data intact
 * (seed row counts), documented (a real run of its runbook after the injection,
 * with its incident report and an operator note in the bitácora).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FailedError, UsageError } from '../../errors.js';
import type { Translate } from '../../i18n/translate.js';
import { maintenanceLog } from '../../report/maintenance-log.js';
import { runDir } from '../../journal/layout.js';
import { FAULTS } from '../faults/index.js';
import { labReset } from '../reset.js';
import type { Progress } from '../up.js';
import { openLab, systemContext, systemsNamed, type Lab } from '../session.js';
import { systemsUp } from '../status.js';
import { findSystem } from '../systems/index.js';
import { labClock } from './clock.js';
import { pickFaults } from './pick.js';
import { readSitting, writeSitting, type ExamSitting, type FaultScore } from './sitting.js';

export async function startExam(root: string, env: NodeJS.ProcessEnv, options: { seed: number; faults: number; minutes: number; system?: string }, t: Translate, progress: Progress): Promise<ExamSitting> {
  const now = labClock(env);
  // `--system S`: a sitting on one system (a course day), whatever else is up.
  const only = options.system === undefined ? undefined : systemsNamed([options.system]);
  const l = await openLab(root, env);
  const up = systemsUp(l).filter((s) => only === undefined || only.some((o) => o.name === s.name));
  if (options.system !== undefined && up.length === 0) throw new UsageError('lab.examSystemNotUp', { system: options.system });
  const pool = FAULTS.filter((f) => up.some((s) => s.name === f.system));
  if (!Number.isInteger(options.faults) || options.faults < 1 || options.faults > pool.length) throw new UsageError('lab.examFaults', { max: pool.length });
  const chosen = pickFaults(pool, options.faults, options.seed);
  const systems = up.filter((s) => chosen.some((f) => f.system === s.name));
  await labReset(root, env, systems, t, progress);
  const faults = [];
  for (const fault of chosen) {
    await fault.inject(l);
    faults.push({ id: fault.id, system: fault.system, runbook: fault.runbook, injectedAt: new Date(now()).toISOString() });
  }
  const startedAt = new Date(now());
  const sitting: ExamSitting = { seed: options.seed, minutes: options.minutes, startedAt: startedAt.toISOString(), endsAt: new Date(startedAt.getTime() + options.minutes * 60_000).toISOString(), faults };
  writeSitting(l.lab.examFile, sitting);
  return sitting;
}

/** How long after the end the clock may score a sitting and still be on time (`--wait` looks every second). */
export const TICK_GRACE_MS = 2000;

async function dataIntact(l: Lab, system: string): Promise<boolean> {
  const s = findSystem(system);
  if (!s) return false;
  try {
    const counts = await s.counts(systemContext(l, s));
    return Object.entries(s.seedCounts).every(([table, n]) => counts[table] === n);
  } catch {
    return false;
  }
}

/** Scores the sitting; `by` says who asked: the trainee (`--check`) or the clock (time up). */
export async function checkExam(root: string, env: NodeJS.ProcessEnv, stateDir: string, t: Translate, by: 'check' | 'time-up' = 'check'): Promise<ExamSitting> {
  const now = labClock(env);
  // When the check began: the repairs are judged as they stand then (the checks take seconds).
  const begun = now();
  const l = await openLab(root, env);
  const sitting = readSitting(l.lab.examFile);
  if (!sitting) throw new FailedError('lab.noExam', { dir: root });
  const log = maintenanceLog(stateDir, t);
  const scores: FaultScore[] = [];
  for (const f of sitting.faults) {
    const fault = FAULTS.find((x) => x.id === f.id && x.system === f.system);
    const problem = fault ? await fault.check(l) : 'unknown fault';
    const run = log.find((r) => r.runbook.toLowerCase() === f.runbook.toLowerCase() && r.mode === 'real' && Date.parse(r.startedAt) >= Date.parse(f.injectedAt) && r.notes.length > 0 && existsSync(join(runDir(stateDir, r.runId), 'report.md')));
    scores.push({ ...f, repaired: problem === undefined, dataIntact: await dataIntact(l, f.system), documented: run !== undefined, ...(problem !== undefined && { problem }), ...(run && { runId: run.runId }) });
  }
  const points = scores.reduce((n, s) => n + Number(s.repaired) + Number(s.dataIntact) + Number(s.documented), 0);
  const max = scores.length * 3;
  // Late: checked after the time was up — by the trainee, or by a command run after the end; the
  // clock of `--wait` checks within a tick of the end, which is on time.
  const late = begun > Date.parse(sitting.endsAt) + (by === 'time-up' ? TICK_GRACE_MS : 0);
  sitting.score = { checkedAt: new Date(now()).toISOString(), by, late, points, max, percent: max ? Math.round((points / max) * 100) : 0, faults: scores };
  writeSitting(l.lab.examFile, sitting);
  return sitting;
}
