// The run fixtures are journals the engine could have written: they parse, events are in
// order, and every step log they name exists (and every log is named).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../engine/journal/read.js';
import { fixtureRunDir, RUNS, type RunName } from '../fixtures/runs/runs.js';

describe('run fixtures', () => {
  for (const name of Object.keys(RUNS) as RunName[]) {
    it(`${name} is a well-formed journal`, () => {
      const dir = fixtureRunDir(name);
      const { events, tornLine } = readJournal(join(dir, 'journal.jsonl'));
      expect(tornLine).toBe(false);
      expect(events[0]?.type).toBe('run-started');
      expect(events[0]?.type === 'run-started' && events[0].runId).toBe(RUNS[name]);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      const times = events.map((e) => Date.parse(e.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      const named = new Set(events.flatMap((e) => (e.type === 'step-finished' && e.log ? [e.log] : [])));
      expect([...named].sort()).toEqual(readdirSync(join(dir, 'steps')).filter((f) => !f.startsWith('.')).map((f) => `steps/${f}`).sort());
    });
  }
});
