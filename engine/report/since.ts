/** `runbook log --since`: a local date (`2026-11-01`), an ISO date-time, or an age (`7d`, `12h`, `1h30m`). */
import { parseDuration } from '../parse/duration.js';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Milliseconds since the epoch, or undefined when `value` is none of the accepted forms. */
export function parseSince(value: string, now: number): number | undefined {
  const text = value.trim();
  if (/^\d+(\.\d+)?\s*[a-z]/i.test(text)) {
    const age = parseDuration(text);
    return age === undefined ? undefined : now - age;
  }
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const local = new Date(year, month - 1, day);
  if (local.getFullYear() !== year || local.getMonth() !== month - 1 || local.getDate() !== day) return undefined;
  if (m[4] === undefined) return local.getTime();
  const time = Date.parse(text.replace(' ', 'T'));
  return Number.isNaN(time) ? undefined : time;
}
