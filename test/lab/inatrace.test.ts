// The lab tier, INATrace: real containers on a real Docker engine (started by the
// lab itself when none runs), faults injected and repaired by the shipped runbooks
// played for real in the `lab` environment.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULTS } from '../../engine/lab/faults/index.js';
import { readEngineInfo } from '../../engine/lab/engine-file.js';
import { labDir, layout } from '../../engine/lab/paths.js';
import { openLab } from '../../engine/lab/session.js';
import { cli, keepTable, play, rows } from './support.js';

const lab = labDir(process.env, undefined, process.cwd());
let dockerHost = '';

async function faultCheck(id: string): Promise<string | undefined> {
  const fault = FAULTS.find((f) => f.id === id && f.system === 'inatrace');
  if (!fault) throw new Error(`no fault ${id}`);
  return fault.check(await openLab(lab, process.env));
}

/** INATrace healthy in `lab status --json` (other systems of the lab may be in any state). */
async function inatraceHealthy(): Promise<boolean> {
  const status: unknown = JSON.parse((await cli(['lab', 'status', '--json'])).stdout);
  const systems = typeof status === 'object' && status !== null && 'systems' in status && Array.isArray(status.systems) ? status.systems : [];
  return systems.some((s: unknown) => typeof s === 'object' && s !== null && 'name' in s && s.name === 'inatrace' && 'healthy' in s && s.healthy === true);
}

/** The fault's check, polled: Docker's health check needs a few intervals to see a repaired backend. */
async function repairedWithin(fault: string, ms: number): Promise<string | undefined> {
  const until = Date.now() + ms;
  let problem = await faultCheck(fault);
  while (problem !== undefined && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 3000));
    problem = await faultCheck(fault);
  }
  return problem;
}

/** Injects, plays the repairing runbook, expects the fault's check to pass; a failed attempt resets the system for the next one. */
async function repairs(fault: string, runbook: string, extra: string[] = [], expectedStatus = 0, latent = false): Promise<void> {
  try {
    const injected = await cli(['lab', 'inject', fault, '--system', 'inatrace']);
    expect(injected.status, injected.stdout + injected.stderr).toBe(0);
    // A broken backup is latent: the system is fine until someone restores it.
    if (!latent) expect(await faultCheck(fault)).toBeDefined();
    const run = await play(runbook, extra);
    rows.push({ runbook, system: 'inatrace', purpose: `repairs ${fault}`, result: run.status === expectedStatus ? (expectedStatus === 0 ? 'passed' : `exit ${run.status}, rolled back`) : `FAILED (exit ${run.status})`, ms: run.ms });
    expect(run.status, run.stdout.slice(-3000) + run.stderr).toBe(expectedStatus);
    expect(await repairedWithin(fault, 90_000)).toBeUndefined();
    expect(await inatraceHealthy()).toBe(true);
  } catch (error) {
    await cli(['lab', 'reset', 'inatrace']);
    throw error;
  }
}

beforeAll(async () => {
  const up = await cli(['lab', 'up', 'inatrace']);
  expect(up.status, up.stdout + up.stderr).toBe(0);
  dockerHost = readEngineInfo(layout(lab).engineFile)?.dockerHost ?? '';
}, 40 * 60_000);

afterAll(() => keepTable());

describe('lab up inatrace', () => {
  it('status --json has the documented shape and the system is healthy', async () => {
    const r = await cli(['lab', 'status', '--json']);
    const status: unknown = JSON.parse(r.stdout);
    expect(status).toMatchObject({
      dockerHost: expect.any(String),
      systems: expect.arrayContaining([{ name: 'inatrace', healthy: true, problems: [], containers: [
        expect.objectContaining({ name: 'inatrace-mysql-test-fortaleza', running: true, healthy: true }),
        expect.objectContaining({ name: 'inatrace-be-test-fortaleza', running: true, healthy: true }),
      ] }]),
    });
  });

  it('the database answers docker exec … mysql', () => {
    const out = execFileSync('docker', ['exec', 'inatrace-mysql-test-fortaleza', 'mysql', '-e', 'select 1'], { env: { ...process.env, DOCKER_HOST: dockerHost }, encoding: 'utf8' });
    expect(out).toContain('1');
  });

  it('up again is idempotent', async () => {
    const r = await cli(['lab', 'up', 'inatrace']);
    expect(r.status, r.stderr).toBe(0);
  });

  it('faults --json lists db-down with its repairing runbook', async () => {
    const r = await cli(['lab', 'faults', '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(expect.arrayContaining([{ id: 'db-down', system: 'inatrace', description: expect.any(String), runbook: 'INA-04' }]));
  });
});

describe('healthy system: the daily and monthly runbooks pass', () => {
  for (const id of ['SOP-001', 'SOP-002', 'SOP-003', 'SOP-004', 'INA-06', 'MW-01']) {
    it(`${id} exits 0`, async () => {
      const run = await play(id);
      rows.push({ runbook: id, system: 'inatrace', purpose: 'healthy system', result: run.status === 0 ? 'passed' : `FAILED (exit ${run.status})`, ms: run.ms });
      expect(run.status, run.stdout.slice(-3000) + run.stderr).toBe(0);
    });
  }
});

describe('faults and the runbooks that repair them', () => {
  it('db-down → INA-04', () => repairs('db-down', 'INA-04'));
  it('db-password-drift → INA-04', () => repairs('db-password-drift', 'INA-04'));
  it('failed-migration → INA-03', () => repairs('failed-migration', 'INA-03'));
  it('rows-deleted → INA-02 (Product from the seed backup)', () => repairs('rows-deleted', 'INA-02'));
  it('broken-backup → INA-01 fails midway and its rollback restores the safety backup', () =>
    repairs('broken-backup', 'INA-01', ['-p', `BACKUP_FILE=${join(lab, 'systems', 'inatrace', 'backups', 'inatrace-broken.sql.gz')}`], 1, true));
  it('broken-image → INA-07 (back to test-abc1234)', () => repairs('broken-image', 'INA-07'));
  for (const table of ['User', 'Company']) {
    it(`INA-02 restores the manual's example table ${table}`, async () => {
      const run = await play('INA-02', ['-p', `TABLE_NAME=${table}`]);
      rows.push({ runbook: 'INA-02', system: 'inatrace', purpose: `restore table ${table}`, result: run.status === 0 ? 'passed' : `FAILED (exit ${run.status})`, ms: run.ms });
      expect(run.status, run.stdout.slice(-3000) + run.stderr).toBe(0);
      expect(await repairedWithin('rows-deleted', 90_000)).toBeUndefined();
    });
  }
  it('INA-01 restores the seed backup on a healthy system', async () => {
    const run = await play('INA-01');
    rows.push({ runbook: 'INA-01', system: 'inatrace', purpose: 'full restore of the seed backup', result: run.status === 0 ? 'passed' : `FAILED (exit ${run.status})`, ms: run.ms });
    expect(run.status, run.stdout.slice(-3000) + run.stderr).toBe(0);
  });
  it('reset clears faults and restores the seed data', async () => {
    expect((await cli(['lab', 'inject', 'rows-deleted', '--system', 'inatrace'])).status).toBe(0);
    const r = await cli(['lab', 'reset', 'inatrace']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(await faultCheck('rows-deleted')).toBeUndefined();
  });
});

describe('bad input and other labs', () => {
  it('an unknown system or fault is a usage error naming what exists', async () => {
    const system = await cli(['lab', 'up', 'nosuch']);
    expect(system.status).toBe(2);
    expect(system.stderr).toContain('Unknown system `nosuch`; the lab provides: inatrace');
    const fault = await cli(['lab', 'inject', 'disk-on-fire']);
    expect(fault.status).toBe(2);
    expect(fault.stderr).toContain('Unknown fault `disk-on-fire`; known faults: db-down');
    const sub = await cli(['lab', 'explode']);
    expect(sub.status).toBe(2);
  });

  it('a port taken by something else is refused with a clear message', async () => {
    execFileSync('docker', ['stop', 'inatrace-be-test-fortaleza'], { env: { ...process.env, DOCKER_HOST: dockerHost } });
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(8082, '127.0.0.1', resolve));
    try {
      const r = await cli(['lab', 'up', 'inatrace']);
      expect(r.status).toBe(1);
      expect(r.stdout + r.stderr).toContain('Port 127.0.0.1:8082 (system inatrace) is taken by something the lab did not make');
      expect(r.stdout + r.stderr, 'names the process that holds the port').toContain(`(pid ${process.pid})`);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
    const again = await cli(['lab', 'up', 'inatrace']);
    expect(again.status, again.stdout + again.stderr).toBe(0);
  });

  it('a lab that is not up says so (exit 1)', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'runbook-lab-empty-'));
    const r = await cli(['lab', 'status', '--lab-dir', empty]);
    rmSync(empty, { recursive: true, force: true });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('No lab is up at');
  });

  it('another lab on the same engine refuses the containers it did not make, and its down leaves them alone', async () => {
    const other = mkdtempSync(join(tmpdir(), 'runbook-lab-other-'));
    expect(dockerHost).not.toBe('');
    const env = { DOCKER_HOST: dockerHost };
    const up = await cli(['lab', 'up', 'inatrace', '--lab-dir', other], env);
    expect(up.status).toBe(1);
    expect(up.stdout + up.stderr).toContain('was not made by the lab at');
    const down = await cli(['lab', 'down', '--lab-dir', other], env);
    expect(down.status).toBe(0);
    rmSync(other, { recursive: true, force: true });
    expect(await inatraceHealthy()).toBe(true);
  });
});
