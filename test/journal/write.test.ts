// The journal writes every event before moving on, and syncs every event but
// `step-started` and automatic decisions (a power loss kills that step too; the
// next synced event carries them to the disk). Its state follows every append.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { NewEvent } from '../../engine/journal/events.js';
import { openJournal } from '../../engine/journal/write.js';

const dir = mkdtempSync(join(tmpdir(), 'runbook-journal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openJournal', () => {
  it('writes each event as a line before returning, and syncs all but step-started and automatic decisions', () => {
    const file = join(dir, 'journal.jsonl');
    const synced: string[] = [];
    const lines = () => readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => (JSON.parse(l) as { type: string; choice?: string }));
    const journal = openJournal(file, { now: () => new Date('2026-11-22T03:00:00Z'), sync: () => synced.push(lines().at(-1)?.type ?? '') });
    const events: NewEvent[] = [
      { type: 'decision', step: 'a', choice: 'run', automatic: true },
      { type: 'step-started', step: 'a', phase: 'flow', attempt: 1, kind: 'command', command: 'true', log: 'steps/001-a.1.log' },
      { type: 'step-finished', step: 'a', phase: 'flow', attempt: 1, status: 'succeeded', exitCode: 0, signal: null, durationMs: 3, outputBytes: 0 },
      { type: 'decision', step: 'b', choice: 'skip', automatic: false },
      { type: 'note', step: 'a', text: 'ok' },
    ];
    for (const event of events) {
      journal.append(event);
      expect(lines().at(-1)?.type).toBe(event.type);
    }
    journal.close();
    expect(synced).toEqual(['step-finished', 'decision', 'note']);
    expect(lines()[0]).toMatchObject({ seq: 1, at: '2026-11-22T03:00:00.000Z', type: 'decision' });
    expect(lines().map((l) => (l as { seq?: number }).seq)).toEqual([1, 2, 3, 4, 5]);
    expect(journal.state.attempts.get('a')).toBe(1);
    expect(journal.state.lastStatus.get('a')).toBe('succeeded');
    expect(journal.state.decisions).toHaveLength(2);
  });
});
