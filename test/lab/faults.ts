/** Fault helpers of the lab tier: a fault's check (polled), a system healthy in `lab status --json`, inject → repair → check. */
import { expect } from 'vitest';
import { FAULTS } from '../../engine/lab/faults/index.js';
import { labDir } from '../../engine/lab/paths.js';
import { openLab } from '../../engine/lab/session.js';
import { cli, play, rows } from './support.js';

export const lab = labDir(process.env, undefined, process.cwd());

export async function faultCheck(system: string, id: string): Promise<string | undefined> {
  const fault = FAULTS.find((f) => f.id === id && f.system === system);
  if (!fault) throw new Error(`no fault ${id} in ${system}`);
  return fault.check(await openLab(lab, process.env));
}

/** The system healthy in `lab status --json` (other systems of the lab may be in any state). */
export async function systemHealthy(system: string): Promise<boolean> {
  const status: unknown = JSON.parse((await cli(['lab', 'status', '--json'])).stdout);
  const systems = typeof status === 'object' && status !== null && 'systems' in status && Array.isArray(status.systems) ? status.systems : [];
  return systems.some((s: unknown) => typeof s === 'object' && s !== null && 'name' in s && s.name === system && 'healthy' in s && s.healthy === true);
}

/** The fault's check, polled: Docker's health check needs a few intervals to see a repaired service. */
export async function repairedWithin(system: string, fault: string, ms: number): Promise<string | undefined> {
  const until = Date.now() + ms;
  let problem = await faultCheck(system, fault);
  while (problem !== undefined && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 3000));
    problem = await faultCheck(system, fault);
  }
  return problem;
}

export interface Repair {
  system: string;
  fault: string;
  runbook: string;
  extra?: string[];
  expectedStatus?: number;
  /** A latent fault (a broken backup) shows only when the runbook meets it. */
  latent?: boolean;
  /** How long the check may take to pass after the run (faults that end by themselves). */
  settleMs?: number;
  /** What the run's output must show (the runbook met the fault). */
  shows?: RegExp;
}

/** Injects, plays the repairing runbook, expects the fault's check to pass; a failed attempt resets the system for the next one. */
export async function repairs(r: Repair): Promise<void> {
  const expectedStatus = r.expectedStatus ?? 0;
  try {
    const injected = await cli(['lab', 'inject', r.fault, '--system', r.system]);
    expect(injected.status, injected.stdout + injected.stderr).toBe(0);
    if (!r.latent) expect(await faultCheck(r.system, r.fault)).toBeDefined();
    const run = await play(r.runbook, r.extra ?? []);
    rows.push({ runbook: r.runbook, system: r.system, purpose: `repairs ${r.fault}`, result: run.status === expectedStatus ? (expectedStatus === 0 ? 'passed' : `exit ${run.status}, rolled back`) : `FAILED (exit ${run.status})`, ms: run.ms });
    expect(run.status, run.stdout.slice(-3000) + run.stderr).toBe(expectedStatus);
    if (r.shows) expect(run.stdout).toMatch(r.shows);
    expect(await repairedWithin(r.system, r.fault, r.settleMs ?? 90_000)).toBeUndefined();
    expect(await systemHealthy(r.system)).toBe(true);
  } catch (error) {
    await cli(['lab', 'reset', r.system]);
    throw error;
  }
}
