/** Journal times are UTC; reports show them in the operator's time zone (passed in, so tests can fix it). */

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

export function defaultTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function createClock(lang: string, timeZone: string): Clock {
  const time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone });
  const offsets = new Map<number, number>();
  const parts = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone });
  // The zone's offset is found once per quarter hour (offsets change only on quarter hours), not formatted per time.
  const wall = (iso: string) => {
    const t = new Date(iso).getTime();
    if (Number.isNaN(t)) return iso;
    const quarter = Math.floor(t / QUARTER_MS);
    let offset = offsets.get(quarter);
    if (offset === undefined) {
      const at = quarter * QUARTER_MS;
      const p = Object.fromEntries(parts.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
      offset = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - at;
      offsets.set(quarter, offset);
    }
    return new Date(t + offset).toISOString().slice(0, 19).replace('T', ' ');
  };
  return {
    dateTime: wall,
    time: (iso) => time.format(new Date(iso)),
    wall,
    minutes: (iso) => wall(iso).slice(0, 16),
  };
}
