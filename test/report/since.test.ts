// `runbook log --since`: local dates, ISO date-times and ages; anything else is refused.
import { describe, expect, it } from 'vitest';
import { parseSince } from '../../engine/report/since.js';

const now = Date.parse('2026-11-22T12:00:00Z');

describe('parseSince', () => {
  it('reads a date as local midnight and an ISO date-time as written', () => {
    expect(parseSince('2026-11-01', now)).toBe(new Date(2026, 10, 1).getTime());
    expect(parseSince('2026-11-01T08:30Z', now)).toBe(Date.parse('2026-11-01T08:30:00Z'));
    expect(parseSince('2026-11-01 08:30:15-05:00', now)).toBe(Date.parse('2026-11-01T13:30:15Z'));
  });

  it('reads an age back from now', () => {
    expect(parseSince('7d', now)).toBe(now - 7 * 86_400_000);
    expect(parseSince('1h30m', now)).toBe(now - 90 * 60_000);
  });

  it('refuses anything else', () => {
    for (const bad of ['ayer', '2026-13-01', '2026-02-30', '01/11/2026', 'Nov 1', '7', '7x', '', '2026-11-01T25:00']) expect(parseSince(bad, now), bad).toBeUndefined();
  });
});
