/**
 * Journal times are UTC; reports show them in the operator's time zone (passed in, so tests can fix it).
 * The operator's own zone is read without `Intl` (TZ, else /etc/localtime) and its offsets come from
 * `Date`, which follows the same zone: the first `Intl.DateTimeFormat` of a process loads the ICU
 * time-zone data, ≈30 ms of every `play`'s start-up on these machines. Other zones use `Intl`.
 */
import { readlinkSync } from 'node:fs';

export interface Clock {
  /** Date and time in ISO form, the same in every language: `2026-11-20 03:12:00`. */
  dateTime(iso: string): string;
  /** Time of day, `03:12:00`. */
  time(iso: string): string;
  /** `2026-11-19 22:12:00`: sortable wall-clock time (Mermaid, the maintenance log). */
  wall(iso: string): string;
  /** `2026-11-19 22:12`: the date and time tables show (`runbook runs`, `runbook log`). */
  minutes(iso: string): string;
}

const QUARTER_MS = 15 * 60 * 1000;

/** The zone `Date` uses in this process: `TZ` when set, else the zone /etc/localtime links to. */
function localZoneName(env: NodeJS.ProcessEnv): string | undefined {
  const tz = env.TZ?.replace(/^:/, '');
  if (tz !== undefined && tz !== '') return tz.startsWith('/') ? zoneOfPath(tz) : tz;
  if (tz === '') return 'UTC';
  try {
    return zoneOfPath(readlinkSync('/etc/localtime'));
  } catch {
    return undefined;
  }
}

function zoneOfPath(path: string): string | undefined {
  const at = path.indexOf('zoneinfo/');
  return at === -1 ? undefined : path.slice(at + 'zoneinfo/'.length).replace(/^(posix|right)\//, '');
}

export function defaultTimeZone(env: NodeJS.ProcessEnv = process.env): string {
  return localZoneName(env) ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Offset of wall-clock time from UTC at `at` (ms), in the zone of `timeZone`. */
function offsetFinder(timeZone: string): (at: number) => number {
  if (timeZone === localZoneName(process.env)) return (at) => -new Date(at).getTimezoneOffset() * 60_000;
  const parts = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone });
  return (at) => {
    const p = Object.fromEntries(parts.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
    return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - at;
  };
}

/** `lang` is kept for callers: every form is numeric (`03:12:00`, h23), the same in each language. */
export function createClock(_lang: string, timeZone: string): Clock {
  const offsets = new Map<number, number>();
  const offsetAt = offsetFinder(timeZone);
  // The zone's offset is found once per quarter hour (offsets change only on quarter hours), not formatted per time.
  const wall = (iso: string) => {
    const t = new Date(iso).getTime();
    if (Number.isNaN(t)) return iso;
    const quarter = Math.floor(t / QUARTER_MS);
    let offset = offsets.get(quarter);
    if (offset === undefined) {
      offset = offsetAt(quarter * QUARTER_MS);
      offsets.set(quarter, offset);
    }
    return new Date(t + offset).toISOString().slice(0, 19).replace('T', ' ');
  };
  return {
    dateTime: wall,
    time: (iso) => wall(iso).slice(11),
    wall,
    minutes: (iso) => wall(iso).slice(0, 16),
  };
}
