/**
 * Time-up made real: a sitting still open after its `endsAt` is scored by itself — by the next
 * `lab` command (before it does anything else), or by `lab exam --wait`, which shows the time
 * left and scores the sitting the moment it is up. Such a score is `by: 'time-up'`.
 */
import { FailedError } from '../../errors.js';
import type { Translate } from '../../i18n/translate.js';
import { layout } from '../paths.js';
import { labClock } from './clock.js';
import { checkExam } from './exam.js';
import { readSitting, type ExamSitting } from './sitting.js';

/** An open sitting (not scored yet) whose time is up. */
export function timeIsUp(sitting: ExamSitting | undefined, now: number): sitting is ExamSitting {
  return sitting !== undefined && sitting.score === undefined && now >= Date.parse(sitting.endsAt);
}

/** Scores the open sitting if its time is up; the sitting as scored, else undefined. */
export async function scoreIfTimeUp(root: string, env: NodeJS.ProcessEnv, stateDir: string, t: Translate): Promise<ExamSitting | undefined> {
  const sitting = readSitting(layout(root).examFile);
  if (!timeIsUp(sitting, labClock(env)())) return undefined;
  return checkExam(root, env, stateDir, t, 'time-up');
}

/** Waits for the open sitting's end, telling the time left every second, then scores it. */
export async function waitForEnd(root: string, env: NodeJS.ProcessEnv, stateDir: string, t: Translate, tick: (remainingMs: number, sitting: ExamSitting) => void): Promise<ExamSitting> {
  const now = labClock(env);
  for (;;) {
    const sitting = readSitting(layout(root).examFile);
    if (!sitting) throw new FailedError('lab.noExam', { dir: root });
    // Scored already (by --check, or by another command when the time was up): that is the score.
    if (sitting.score !== undefined) return sitting;
    const left = Date.parse(sitting.endsAt) - now();
    if (left <= 0) return checkExam(root, env, stateDir, t, 'time-up');
    tick(left, sitting);
    await new Promise((r) => setTimeout(r, Math.min(1000, left)));
  }
}
