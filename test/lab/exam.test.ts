// The lab tier, exam: a seeded sitting injects faults, the runbooks repair them, --check scores it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSitting, writeSitting, type ExamSitting } from '../../engine/lab/exam/sitting.js';
import { labDir, layout } from '../../engine/lab/paths.js';
import { cli, keepTable, play, rows } from './support.js';

/** Faults whose repair restores data, and needs the service up to do it. */
const DATA_FAULTS = new Set(['rows-deleted', 'broken-backup']);

const examFile = layout(labDir(process.env, undefined, process.cwd())).examFile;

/** Runs `lab exam ARGS` and reads the sitting it kept (type-guarded, not cast). */
async function exam(args: string[]): Promise<ExamSitting> {
  const r = await cli(['lab', 'exam', ...args, '--json']);
  expect(r.status, r.stdout + r.stderr).toBe(0);
  const sitting = readSitting(examFile);
  if (!sitting) throw new Error(`no sitting in ${examFile}`);
  return sitting;
}

beforeAll(async () => {
  const up = await cli(['lab', 'up', 'inatrace']);
  expect(up.status, up.stdout + up.stderr).toBe(0);
}, 40 * 60_000);

afterAll(() => keepTable('lab-table-exam.md'));

describe('lab exam', () => {
  it('the same seed picks the same faults; --check scores repaired, data intact, documented', async () => {
    const sitting = await exam(['--seed', '7', '--faults', '2', '--system', 'inatrace']);
    expect(sitting.faults).toHaveLength(2);
    const before = await exam(['--check']);
    expect(before.score?.faults.every((f) => !f.repaired)).toBe(true);
    // As a trainee would: the service first, then the data (INA-02 waits for a healthy backend, which
    // a backend that cannot log in to its database never becomes).
    const dataLast = [...sitting.faults].sort((a, b) => Number(DATA_FAULTS.has(a.id)) - Number(DATA_FAULTS.has(b.id)));
    for (const f of dataLast) {
      const run = await play(f.runbook);
      rows.push({ runbook: f.runbook, system: f.system, purpose: `exam seed 7: ${f.id}`, result: run.status === 0 ? 'passed' : `FAILED (exit ${run.status})`, ms: run.ms });
    }
    let after = before;
    for (let i = 0; i < 30; i++) {
      after = await exam(['--check']);
      if (after.score?.faults.every((f) => f.repaired)) break;
      await new Promise((r) => setTimeout(r, 3000));
    }
    expect(after.score?.faults.map((f) => [f.id, f.repaired, f.dataIntact])).toEqual(sitting.faults.map((f) => [f.id, true, true]));
    // Unattended runs carry no operator note, so they do not count as documented.
    expect(after.score?.faults.every((f) => !f.documented)).toBe(true);
    const again = await exam(['--seed', '7', '--faults', '2', '--system', 'inatrace']);
    expect(again.faults.map((f) => f.id)).toEqual(sitting.faults.map((f) => f.id));
    const reset = await cli(['lab', 'reset', 'inatrace']);
    expect(reset.status).toBe(0);
  });

  it('time-up is real: --wait scores the sitting at its end (on time); a command after the end scores an open one first (late)', async () => {
    const sitting = await exam(['--seed', '3', '--faults', '1', '--minutes', '1', '--system', 'inatrace']);
    expect(Date.parse(sitting.endsAt) - Date.parse(sitting.startedAt)).toBe(60_000);
    // The clock hook puts this process 1.5 s before the end: --wait tells the time left, then scores.
    const waited = await cli(['lab', 'exam', '--wait'], { RUNBOOK_LAB_NOW: String(Date.parse(sitting.endsAt) - 1500) });
    expect(waited.status, waited.stderr).toBe(0);
    expect(waited.stdout).toMatch(/Exam \(seed 3\): 0:0[0-2] left/);
    expect(waited.stdout).toMatch(/Exam \(seed 3\): [0-3]\/3 points/);
    expect(readSitting(examFile)?.score).toMatchObject({ by: 'time-up', late: false, max: 3 });
    // Reopened (the score taken away), and a minute past the end: `lab status` scores it before anything else.
    const { score: _, ...open } = readSitting(examFile) ?? sitting;
    writeSitting(examFile, open);
    const status = await cli(['lab', 'status', '--json'], { RUNBOOK_LAB_NOW: String(Date.parse(sitting.endsAt) + 60_000) });
    expect(status.stderr).toContain("The exam's time is up (seed 3");
    expect(() => JSON.parse(status.stdout) as unknown).not.toThrow();
    expect(readSitting(examFile)?.score).toMatchObject({ by: 'time-up', late: true });
    // Scored: the next command does not score it again.
    const again = await cli(['lab', 'faults'], { RUNBOOK_LAB_NOW: String(Date.parse(sitting.endsAt) + 120_000) });
    expect(again.stderr).not.toContain('time is up');
    expect((await cli(['lab', 'reset', 'inatrace'])).status).toBe(0);
  });

  it('bad numbers are usage errors', async () => {
    expect((await cli(['lab', 'exam', '--faults', 'many'])).status).toBe(2);
    expect((await cli(['lab', 'exam', '--faults', '99'])).status).toBe(2);
  });
});
