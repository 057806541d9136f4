/**
 * The exam's clock. `RUNBOOK_LAB_NOW` (an ISO time or epoch milliseconds) is a test hook: the
 * clock starts there when the process starts and runs on at the real pace, so a test can put a
 * sitting just before or after its end without waiting 45 minutes.
 */
import { UsageError } from '../../errors.js';

const processStart = Date.now();

export type LabClock = () => number;

export function labClock(env: NodeJS.ProcessEnv): LabClock {
  const hook = env.RUNBOOK_LAB_NOW;
  if (hook === undefined || hook === '') return Date.now;
  const at = /^[0-9]+$/.test(hook) ? Number(hook) : Date.parse(hook);
  if (!Number.isFinite(at)) throw new UsageError('lab.badNow', { value: hook });
  return () => at + (Date.now() - processStart);
}

/** Remaining time as `m:ss` (or `h:mm:ss`), rounded up to the second. */
export function remainingText(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}
