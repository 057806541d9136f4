// The lab tier, exam: a seeded sitting injects faults, the runbooks repair them, --check scores it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, keepTable, play, rows } from './support.js';

interface Sitting {
  seed: number;
  faults: { id: string; system: string; runbook: string }[];
  score?: { points: number; max: number; faults: { id: string; repaired: boolean; dataIntact: boolean; documented: boolean }[] };
}

beforeAll(async () => {
  const up = await cli(['lab', 'up', 'inatrace']);
  expect(up.status, up.stdout + up.stderr).toBe(0);
}, 40 * 60_000);

afterAll(() => keepTable('lab-table-exam.md'));

describe('lab exam', () => {
  it('the same seed picks the same faults; --check scores repaired, data intact, documented', async () => {
    const start = await cli(['lab', 'exam', '--seed', '7', '--faults', '2', '--json']);
    expect(start.status, start.stdout + start.stderr).toBe(0);
    const sitting = JSON.parse(start.stdout) as Sitting;
    expect(sitting.faults).toHaveLength(2);
    const before = JSON.parse((await cli(['lab', 'exam', '--check', '--json'])).stdout) as Sitting;
    expect(before.score?.faults.every((f) => !f.repaired)).toBe(true);
    for (const f of sitting.faults) {
      const run = await play(f.runbook);
      rows.push({ runbook: f.runbook, system: f.system, purpose: `exam seed 7: ${f.id}`, result: run.status === 0 ? 'passed' : `FAILED (exit ${run.status})`, ms: run.ms });
    }
    let after: Sitting = before;
    for (let i = 0; i < 30; i++) {
      after = JSON.parse((await cli(['lab', 'exam', '--check', '--json'])).stdout) as Sitting;
      if (after.score?.faults.every((f) => f.repaired)) break;
      await new Promise((r) => setTimeout(r, 3000));
    }
    expect(after.score?.faults.map((f) => [f.id, f.repaired, f.dataIntact])).toEqual(sitting.faults.map((f) => [f.id, true, true]));
    // Unattended runs carry no operator note, so they do not count as documented.
    expect(after.score?.faults.every((f) => !f.documented)).toBe(true);
    const again = await cli(['lab', 'exam', '--seed', '7', '--faults', '2', '--json']);
    expect((JSON.parse(again.stdout) as Sitting).faults.map((f) => f.id)).toEqual(sitting.faults.map((f) => f.id));
    const reset = await cli(['lab', 'reset', 'inatrace']);
    expect(reset.status).toBe(0);
  });

  it('bad numbers are usage errors', async () => {
    expect((await cli(['lab', 'exam', '--faults', 'many'])).status).toBe(2);
    expect((await cli(['lab', 'exam', '--faults', '99'])).status).toBe(2);
  });
});
