// The lab tier, Paw Paw: PostgreSQL 15 `pawpaw_db_prod` and the backend, PAW-01 and RB-01 played for real.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULTS } from '../../engine/lab/faults/index.js';
import { readEngineInfo } from '../../engine/lab/engine-file.js';
import { labDir, layout } from '../../engine/lab/paths.js';
import { openLab } from '../../engine/lab/session.js';
import { cli, keepTable, play, rows } from './support.js';

const lab = labDir(process.env, undefined, process.cwd());

async function check(id: string): Promise<string | undefined> {
  const fault = FAULTS.find((f) => f.id === id && f.system === 'pawpaw');
  if (!fault) throw new Error(`no fault ${id}`);
  return fault.check(await openLab(lab, process.env));
}

beforeAll(async () => {
  const up = await cli(['lab', 'up', 'pawpaw']);
  expect(up.status, up.stdout + up.stderr).toBe(0);
}, 40 * 60_000);

afterAll(() => keepTable('lab-table-pawpaw.md'));

describe('lab up pawpaw', () => {
  it('pawpaw_db_prod answers psql, the backend is healthy', async () => {
    const status: unknown = JSON.parse((await cli(['lab', 'status', '--json'])).stdout);
    expect(status).toMatchObject({ systems: expect.arrayContaining([expect.objectContaining({ name: 'pawpaw', healthy: true })]) });
    const dockerHost = readEngineInfo(layout(lab).engineFile)?.dockerHost ?? '';
    const out = execFileSync('docker', ['exec', 'pawpaw_db_prod', 'psql', '-U', 'postgres', '-d', 'pawpaw_db', '-Atc', 'select count(*) from pets'], { env: { ...process.env, DOCKER_HOST: dockerHost }, encoding: 'utf8' });
    expect(out.trim()).toBe('6');
  });

  it('PAW-01 makes a backup', async () => {
    const run = await play('PAW-01');
    rows.push({ runbook: 'PAW-01', system: 'pawpaw', purpose: 'backup', result: run.status === 0 ? 'passed' : `FAILED (exit ${run.status})`, ms: run.ms });
    expect(run.status, run.stdout.slice(-3000) + run.stderr).toBe(0);
  });

  it('rows-deleted (--system pawpaw) → RB-01 restores the seed backup', async () => {
    const inject = await cli(['lab', 'inject', 'rows-deleted', '--system', 'pawpaw']);
    expect(inject.status, inject.stderr).toBe(0);
    expect(await check('rows-deleted')).toBeDefined();
    const run = await play('RB-01');
    rows.push({ runbook: 'RB-01', system: 'pawpaw', purpose: 'repairs rows-deleted', result: run.status === 0 ? 'passed' : `FAILED (exit ${run.status})`, ms: run.ms });
    expect(run.status, run.stdout.slice(-3000) + run.stderr).toBe(0);
    let problem = await check('rows-deleted');
    for (let i = 0; i < 30 && problem !== undefined; i++) {
      await new Promise((r) => setTimeout(r, 3000));
      problem = await check('rows-deleted');
    }
    expect(problem).toBeUndefined();
  });

  it('a fault in several systems needs --system', async () => {
    const r = await cli(['lab', 'inject', 'rows-deleted']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('exists in several systems (inatrace, pawpaw, ticketero-api)');
  });
});
