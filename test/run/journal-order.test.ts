// `step-started` is a complete line in the journal before the step's process
// is spawned; the process (pid, group) is journaled right after the spawn,
// and the fold keeps it on the running attempt until the step finishes.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { foldEvents } from '../../engine/journal/fold.js';
import type { JournalEvent } from '../../engine/journal/events.js';
import type { ProcessRunner } from '../../engine/process/runner.js';
import { playWith } from './helpers.js';

const journalLines = (cwd: string): { type: string; step?: string }[] => {
  const runs = join(cwd, 'state', 'runs');
  const run = readdirSync(runs)[0] ?? '';
  return readFileSync(join(runs, run, 'journal.jsonl'), 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { type: string; step?: string });
};

describe('the journal and the spawn', () => {
  it('step-started is on disk, whole, before the spawn; step-process follows it with the pid and group', async () => {
    const seen: string[][] = [];
    const runner: ProcessRunner = {
      run(request) {
        seen.push(journalLines(request.cwd).map((e) => `${e.type}:${e.step ?? ''}`));
        request.onStart?.(4242);
        seen.push(journalLines(request.cwd).map((e) => `${e.type}:${e.step ?? ''}`));
        return Promise.resolve({ status: 'succeeded', exitCode: 0, signal: null, durationMs: 1, stdout: '', stderr: '', outputBytes: 0 });
      },
    };
    const r = await playWith({ markdown: '# Uno\n\n## Uno\n\n```bash\necho uno\n```\n', options: { yes: true, runner } });
    expect(r.error).toBeUndefined();
    expect(seen[0]?.at(-1)).toBe('step-started:uno');
    expect(seen[1]?.slice(-2)).toEqual(['step-started:uno', 'step-process:uno']);
    expect(r.events.find((e) => e.type === 'step-process')).toMatchObject({ step: 'uno', attempt: 1, pid: 4242, pgid: 4242 });
  });

  it('the fold puts the pid and group on the running attempt, and drops them when it finishes', () => {
    const at = '2026-11-22T03:00:00.000Z';
    const events: JournalEvent[] = [
      { seq: 1, at, type: 'step-started', step: 'a', phase: 'flow', attempt: 1, kind: 'command', command: 'sleep 1' },
      { seq: 2, at, type: 'step-process', step: 'a', phase: 'flow', attempt: 1, pid: 77, pgid: 77 },
    ];
    const running = foldEvents(events);
    expect(running.open.get('a')).toMatchObject({ pid: 77, pgid: 77, status: 'running' });
    expect(running.startedCount).toBe(1);
    const done = foldEvents([...events, { seq: 3, at, type: 'step-finished', step: 'a', phase: 'flow', attempt: 1, status: 'succeeded', durationMs: 1, outputBytes: 0 }]);
    expect(done.records).toHaveLength(1);
    expect(done.records[0]?.pid).toBeUndefined();
    expect(done.records[0]?.pgid).toBeUndefined();
  });
});
