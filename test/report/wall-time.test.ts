// The report's sortable wall-clock time finds each zone's offset once per quarter hour; it must
// give exactly what formatting every time on its own gives, across DST changes, including zones
// whose offsets or changes are on half and quarter hours.
import { describe, expect, it } from 'vitest';
import { createClock, defaultTimeZone } from '../../engine/report/time.js';

const ZONES = ['UTC', 'Europe/Madrid', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham'];

describe('clock.wall', () => {
  it('matches Intl for every zone and time tried over a year', () => {
    for (const timeZone of ZONES) {
      const clock = createClock('en', timeZone);
      expectIntlWall(clock, timeZone);
    }
    expect(createClock('es', 'Europe/Madrid').wall('2026-07-01T10:00:00.000Z')).toBe('2026-07-01 12:00:00');
  });

  it("the operator's own zone (TZ), read without Intl and computed by Date, gives the same times", () => {
    const saved = process.env.TZ;
    try {
      for (const timeZone of ZONES) {
        process.env.TZ = timeZone; // Node resets Date's zone when TZ is assigned
        expect(defaultTimeZone()).toBe(timeZone);
        const clock = createClock('en', defaultTimeZone());
        expectIntlWall(clock, timeZone);
        expect(clock.time('2026-03-29T00:59:59.000Z')).toBe(clock.wall('2026-03-29T00:59:59.000Z').slice(11));
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

function expectIntlWall(clock: ReturnType<typeof createClock>, timeZone: string): void {
  const parts = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone });
  const wrong: string[] = [];
  for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 53 * 60 * 1000 + 17 * 1000 + 321) {
    const iso = new Date(t).toISOString();
    const p = Object.fromEntries(parts.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
    const want = `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
    if (clock.wall(iso) !== want) wrong.push(`${timeZone} ${iso}: ${clock.wall(iso)} ≠ ${want}`);
  }
  expect(wrong).toEqual([]);
}
