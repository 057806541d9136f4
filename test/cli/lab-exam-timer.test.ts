// The exam's clock without Docker: the RUNBOOK_LAB_NOW test hook, the time left, and time-up
// reaching `lab exam --wait` and any other `lab` command (scoring itself needs the lab: test/lab/exam.test.ts).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../engine/errors.js';
import { labClock, remainingText } from '../../engine/lab/exam/clock.js';
import type { ExamSitting } from '../../engine/lab/exam/sitting.js';
import { timeIsUp } from '../../engine/lab/exam/timer.js';

const bin = join(import.meta.dirname, '..', '..', 'dist', 'engine', 'cli', 'bin.js');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const ENDS = '2026-06-01T10:45:00.000Z';
const sitting: ExamSitting = { seed: 7, minutes: 45, startedAt: '2026-06-01T10:00:00.000Z', endsAt: ENDS, faults: [{ id: 'db-down', system: 'inatrace', runbook: 'INA-04', injectedAt: '2026-06-01T10:00:01.000Z' }] };

function labWith(s: ExamSitting) {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-exam-timer-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'exam.json'), JSON.stringify(s));
  return (args: string[], now: number) =>
    spawnSync(process.execPath, [bin, 'lab', ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, RUNBOOK_LAB_DIR: dir, RUNBOOK_LAB_NOW: String(now), RUNBOOK_LANG: 'en', NO_COLOR: '1' } });
}

describe('the exam clock', () => {
  it('RUNBOOK_LAB_NOW starts the clock there and it runs on; a bad value is a usage error', () => {
    const at = Date.parse(ENDS);
    const now = labClock({ RUNBOOK_LAB_NOW: ENDS })();
    expect(now).toBeGreaterThanOrEqual(at);
    expect(labClock({ RUNBOOK_LAB_NOW: String(at) })()).toBeGreaterThanOrEqual(at);
    expect(labClock({})()).toBeGreaterThan(Date.parse('2026-01-01'));
    expect(() => labClock({ RUNBOOK_LAB_NOW: 'soon' })).toThrow(UsageError);
  });

  it('time left as m:ss (h:mm:ss past an hour), rounded up; an open sitting is up at its end, a scored one never', () => {
    expect([remainingText(45 * 60_000), remainingText(61_001), remainingText(999), remainingText(0), remainingText(3_725_000)]).toEqual(['45:00', '1:02', '0:01', '0:00', '1:02:05']);
    expect(timeIsUp(sitting, Date.parse(ENDS) - 1)).toBe(false);
    expect(timeIsUp(sitting, Date.parse(ENDS))).toBe(true);
    expect(timeIsUp({ ...sitting, score: { checkedAt: ENDS, late: false, points: 0, max: 3, percent: 0, faults: [] } }, Date.parse(ENDS) + 1)).toBe(false);
    expect(timeIsUp(undefined, Date.parse(ENDS))).toBe(false);
  });

  it('lab exam --wait tells the time left in plain lines (not a terminal), and at the end tries to score', () => {
    const lab = labWith(sitting);
    const r = lab(['exam', '--wait'], Date.parse(ENDS) - 1500);
    expect(r.stdout).toMatch(/Exam \(seed 7\): 0:0[0-2] left, until /);
    // The end came: scoring needs the lab, which is not up here.
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('No lab is up');
  });

  it('any lab command after the end scores the open sitting first; when it cannot, it says so on stderr and goes on', () => {
    const lab = labWith(sitting);
    const before = lab(['faults', '--json'], Date.parse(ENDS) - 60_000);
    expect(before.status).toBe(0);
    expect(before.stderr).toBe('');
    const after = lab(['faults', '--json'], Date.parse(ENDS) + 60_000);
    expect(after.status).toBe(0);
    expect(after.stderr).toContain("The exam's time is up but the sitting could not be scored now");
    expect(() => JSON.parse(after.stdout) as unknown).not.toThrow();
  });

  it('--check and --wait together, or a bad RUNBOOK_LAB_NOW: exit 2', () => {
    const lab = labWith(sitting);
    expect(lab(['exam', '--check', '--wait'], Date.parse(ENDS)).status).toBe(2);
    const bad = spawnSync(process.execPath, [bin, 'lab', 'faults'], { encoding: 'utf8', env: { ...process.env, RUNBOOK_LAB_DIR: dirs[0], RUNBOOK_LAB_NOW: 'soon', RUNBOOK_LANG: 'en' } });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('RUNBOOK_LAB_NOW');
  });
});
