// The journal writes every event before moving on, and syncs every event but
// `step-started` (a power loss kills that step too; it reruns on resume either way).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { NewEvent } from '../../engine/run/events.js';
import { openJournal } from '../../engine/run/journal-write.js';

const dir = mkdtempSync(join(tmpdir(), 'runbook-journal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openJournal', () => {
  it('writes each event as a line before returning, and syncs all but step-started', () => {
    const file = join(dir, 'journal.jsonl');
    const synced: string[] = [];
    const lines = () => readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => (JSON.parse(l) as { type: string }).type);
    const journal = openJournal(file, [], () => new Date('2026-11-22T03:00:00Z'), () => synced.push(lines().at(-1) as string));
    const events = [
      { type: 'step-started', step: 'a', phase: 'main', attempt: 1, kind: 'command', command: 'true', log: 'steps/001-a.1.log' },
      { type: 'step-finished', step: 'a', phase: 'main', attempt: 1, status: 'succeeded', exitCode: 0, signal: null, durationMs: 3, outputBytes: 0 },
      { type: 'note', step: 'a', text: 'ok' },
    ] as unknown as NewEvent[];
    for (const event of events) {
      journal.append(event);
      expect(lines().at(-1)).toBe(event.type);
    }
    journal.close();
    expect(synced).toEqual(['step-finished', 'note']);
    expect(JSON.parse(readFileSync(file, 'utf8').split('\n')[0] as string)).toMatchObject({ seq: 1, at: '2026-11-22T03:00:00.000Z', type: 'step-started' });
  });
});
