// The journal writes every event before moving on, and syncs every event but
// `step-started`, automatic decisions and a dry run's shown steps (a power loss kills that step too; the
// next synced event carries them to the disk). Its state follows every append.
import { mkdtempSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { NewEvent } from '../../engine/journal/events.js';
import { JournalWriteError, openJournal } from '../../engine/journal/write.js';

const dir = mkdtempSync(join(tmpdir(), 'runbook-journal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openJournal', () => {
  it('writes each event as a line before returning, and syncs all but step-started, automatic decisions and dry-run steps', () => {
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
      { type: 'step-finished', step: 'c', phase: 'flow', attempt: 0, status: 'dry-run', durationMs: 0, outputBytes: 0 },
    ];
    for (const event of events) {
      journal.append(event);
      expect(lines().at(-1)?.type).toBe(event.type);
    }
    journal.close();
    expect(synced).toEqual(['step-finished', 'decision', 'note']);
    expect(lines()[0]).toMatchObject({ seq: 1, at: '2026-11-22T03:00:00.000Z', type: 'decision' });
    expect(lines().map((l) => (l as { seq?: number }).seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(journal.state.attempts.get('a')).toBe(1);
    expect(journal.state.lastStatus.get('a')).toBe('succeeded');
    expect(journal.state.decisions).toHaveLength(2);
  });
});

describe('a write that fails (a full disk)', () => {
  it('continues short writes; a failed write is cut off again, names the file and the bytes, and nothing more is appended', () => {
    const file = join(dir, 'full.jsonl');
    let room = Number.POSITIVE_INFINITY;
    const write = (fd: number, data: Buffer, offset: number, length: number) => {
      if (room <= 0) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      const n = Math.min(length, 7, room); // short writes, a few bytes at a time
      room -= n;
      return writeSync(fd, data, offset, n);
    };
    const journal = openJournal(file, { write, sync: () => undefined });
    journal.append({ type: 'note', text: 'uno' });
    const whole = readFileSync(file, 'utf8');
    expect(JSON.parse(whole)).toMatchObject({ type: 'note', text: 'uno' });
    room = 20; // the next line gets 20 bytes in, then the disk is full
    let error: unknown;
    try {
      journal.append({ type: 'step-started', step: 'a', phase: 'flow', attempt: 1, kind: 'command', command: 'rm -rf /tmp/x' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(JournalWriteError);
    const message = error instanceof Error ? error.message : '';
    expect(message).toContain(file);
    expect(message).toMatch(/cannot write \d+ bytes to the journal .*ENOSPC/);
    expect(readFileSync(file, 'utf8')).toBe(whole);
    room = Number.POSITIVE_INFINITY; // space again: the journal still refuses, so no line follows a lost one
    expect(() => journal.append({ type: 'note', text: 'dos' })).toThrow(JournalWriteError);
    expect(readFileSync(file, 'utf8')).toBe(whole);
    expect(journal.state.startedCount).toBe(0);
    journal.close();
  });
});
