// Run folders list oldest first, also when two runs share the same second.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listRunIds, newRunId, runIdRandom } from '../../engine/journal/layout.js';

const state = mkdtempSync(join(tmpdir(), 'runbook-state-'));
afterAll(() => rmSync(state, { recursive: true, force: true }));

const makeRun = async (id: string, journal = true) => {
  mkdirSync(join(state, 'runs', id), { recursive: true });
  if (journal) writeFileSync(join(state, 'runs', id, 'journal.jsonl'), '');
  await new Promise((r) => setTimeout(r, 15));
};

describe('run ids', () => {
  it('keep the form <UTC second>-<slug>-<random> with 96 random bits: 100,000 ids in one second never collide', () => {
    const now = new Date('2026-11-22T18:42:33.517Z');
    const ids = Array.from({ length: 100_000 }, () => newRunId('RB-01', now, runIdRandom()));
    for (const id of ids.slice(0, 10)) expect(id).toMatch(/^20261122T184233Z-rb-01-[0-9a-f]{24}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('listRunIds', () => {
  it('stamps ids with the UTC second and a slug of the runbook id', () => {
    expect(newRunId('RB-01', new Date('2026-11-22T18:42:33.517Z'), '3f9a')).toBe('20261122T184233Z-rb-01-3f9a');
  });

  it('orders by time, and runs of the same second by creation, skipping folders without a journal', async () => {
    const second = new Date('2026-11-22T18:42:33Z');
    await makeRun(newRunId('ZZ', new Date('2026-11-22T18:42:32Z'), '0001'));
    await makeRun(newRunId('TKA-01', second, '0002'));
    await makeRun(newRunId('AA', second, '0003'));
    await makeRun('not-a-run', false);
    expect(listRunIds(state)).toEqual(['20261122T184232Z-zz-0001', '20261122T184233Z-tka-01-0002', '20261122T184233Z-aa-0003']);
  });

  it('is empty when there is no runs folder', () => {
    expect(listRunIds(join(state, 'nowhere'))).toEqual([]);
  });
});
