// `runbook lab` without Docker: the fault list, and bad input refused before any engine is touched.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '..', '..', 'dist', 'engine', 'cli', 'bin.js');
const empty = mkdtempSync(join(tmpdir(), 'runbook-lab-usage-'));
afterAll(() => rmSync(empty, { recursive: true, force: true }));

const lab = (...args: string[]) => spawnSync(process.execPath, [bin, 'lab', ...args], { encoding: 'utf8', env: { ...process.env, RUNBOOK_LAB_DIR: empty, RUNBOOK_LANG: 'en', NO_COLOR: '1' } });

describe('runbook lab (no Docker needed)', () => {
  it('faults --json: id, system, description, runbook; db-down is repaired by INA-04', () => {
    const r = lab('faults', '--json');
    expect(r.status, r.stderr).toBe(0);
    const faults: unknown = JSON.parse(r.stdout);
    expect(faults).toEqual(expect.arrayContaining([{ id: 'db-down', system: 'inatrace', description: expect.any(String), runbook: 'INA-04' }]));
  });

  it('faults --json: the Ticketera SOC faults with the SOC runbooks that repair them', () => {
    const faults: unknown = JSON.parse(lab('faults', '--json').stdout);
    for (const [id, runbook] of [['admin-locked', 'SOC-06'], ['db-down', 'SOC-05'], ['port-in-use', 'SOC-04'], ['disk-full', 'SOC-03'], ['rows-deleted', 'SOC-02'], ['broken-backup', 'SOC-02']]) {
      expect(faults).toEqual(expect.arrayContaining([{ id, system: 'ticketera-soc', description: expect.any(String), runbook }]));
    }
    const several = lab('inject', 'db-down');
    expect(several.status).toBe(2);
    expect(several.stderr).toContain('inatrace, ticketera-soc, ticketero-api');
  });

  it('unknown subcommand, system or fault: exit 2 with what exists', () => {
    expect(lab('explode').status).toBe(2);
    const system = lab('up', 'nosuch');
    expect(system.status).toBe(2);
    expect(system.stderr).toContain('Unknown system `nosuch`; the lab provides: inatrace, pawpaw, ticketera-soc, ticketero-api');
    const fault = lab('inject', 'disk-on-fire');
    expect(fault.status).toBe(2);
    expect(fault.stderr).toContain('known faults: db-down');
    const exam = lab('exam', '--system', 'nosuch', '--seed', '1');
    expect(exam.status).toBe(2);
    expect(exam.stderr).toContain('Unknown system `nosuch`');
  });

  it('status of a lab that is not up: exit 1, says so', () => {
    const r = lab('status', '--json');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`No lab is up at ${empty}`);
  });
});
