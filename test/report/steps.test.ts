// Journal events → step records: recovered steps, steps left out of the plan, interrupted
// steps, and the incident's list of what was tried.
import { describe, expect, it } from 'vitest';
import { buildIncident } from '../../engine/report/incident.js';
import { collectSteps as fromRecords } from '../../engine/report/steps.js';
import { reason, type JournalEvent, type NewEvent, type StepRef } from '../../engine/journal/events.js';
import { foldEvents } from '../../engine/journal/fold.js';
import { createTranslator } from '../../engine/i18n/translate.js';

/** The report's steps of a journal, with the step refs a run records at its start. */
function collectSteps(events: JournalEvent[], runDir: string, refs: StepRef[] = []) {
  return fromRecords(foldEvents(events).records, refs, runDir, createTranslator('es'));
}

function journal(...events: NewEvent[]): JournalEvent[] {
  return events.map((e, i) => ({ seq: i + 2, at: new Date(Date.UTC(2026, 10, 20, 3, 0, i)).toISOString(), ...e }));
}

describe('collectSteps', () => {
  it('marks the failed attempt recovered when its on-failure handler succeeded', () => {
    const steps = collectSteps(
      journal(
        { type: 'step-started', step: 'check', phase: 'flow', attempt: 1, kind: 'command', command: 'exit 4' },
        { type: 'step-finished', step: 'check', phase: 'flow', attempt: 1, status: 'failed', exitCode: 4, durationMs: 40, outputBytes: 0 },
        { type: 'step-started', step: 'fix', phase: 'handler', attempt: 1, kind: 'command', command: 'echo fixed' },
        { type: 'step-finished', step: 'fix', phase: 'handler', attempt: 1, status: 'succeeded', exitCode: 0, durationMs: 12, outputBytes: 6 },
        { type: 'step-finished', step: 'check', phase: 'flow', attempt: 1, status: 'recovered', durationMs: 0, outputBytes: 0, reason: reason('reason.recovered', { step: 'check', handler: 'fix' }) },
      ),
      '/nonexistent',
    );
    expect(steps.map((s) => [s.id, s.phase, s.status, s.exitCode, s.durationMs])).toEqual([
      ['check', 'flow', 'recovered', 4, 40],
      ['fix', 'handler', 'succeeded', 0, 12],
    ]);
    expect(steps[0]).toMatchObject({ reasonId: 'reason.recovered', data: { step: 'check', handler: 'fix' }, reason: 'check recuperado por fix' });
  });

  it('records steps that finished without starting (left out of the plan, manual steps from the source)', () => {
    const steps = collectSteps(
      journal(
        { type: 'step-finished', step: 'backup', phase: 'flow', attempt: 0, status: 'skipped', durationMs: 0, outputBytes: 0, reason: reason('reason.notSelected') },
        { type: 'step-finished', step: 'avisar', phase: 'flow', attempt: 0, status: 'skipped', durationMs: 0, outputBytes: 0 },
      ),
      '/nonexistent',
      [{ id: 'avisar', kind: 'manual', text: 'Avisar al equipo', section: 'Inicio', destructive: false, rollback: false }],
    );
    expect(steps.map((s) => [s.id, s.kind, s.status, s.text ?? null])).toEqual([
      ['backup', 'command', 'skipped', null],
      ['avisar', 'manual', 'skipped', 'Avisar al equipo'],
    ]);
  });

  it('marks a step interrupted when the engine stopped under it, and leaves a step of a live run running', () => {
    const started: NewEvent = { type: 'step-started', step: 'dump', phase: 'flow', attempt: 1, kind: 'command', command: 'mysqldump', pid: 4211, pgid: 4211 };
    const resumed: NewEvent = { type: 'resumed', operator: 'carla', host: 'ops', interrupted: 'dump', runbookChanged: false, afterCrash: true, tornLine: false };
    expect(collectSteps(journal(started, resumed), '/nonexistent').map((s) => s.status)).toEqual(['interrupted']);
    expect(collectSteps(journal(started), '/nonexistent').map((s) => s.status)).toEqual(['running']);
  });
});

describe('buildIncident', () => {
  const events = journal(
    { type: 'step-started', step: 'restart', phase: 'flow', attempt: 1, kind: 'command', command: 'restart' },
    { type: 'step-finished', step: 'restart', phase: 'flow', attempt: 1, status: 'failed', exitCode: 1, durationMs: 5, outputBytes: 0 },
    { type: 'step-started', step: 'restart', phase: 'flow', attempt: 2, kind: 'command', command: 'restart --force' },
    { type: 'step-finished', step: 'restart', phase: 'flow', attempt: 2, status: 'failed', exitCode: 1, durationMs: 5, outputBytes: 0 },
    { type: 'step-started', step: 'full-restart', phase: 'rollback', attempt: 1, kind: 'command', command: 'down && up' },
    { type: 'step-finished', step: 'full-restart', phase: 'rollback', attempt: 1, status: 'failed', exitCode: 2, durationMs: 5, outputBytes: 0 },
  );
  const decisions = [
    { at: '2026-11-20T03:00:01.500Z', step: 'restart', choice: 'edit-retry' as const, command: 'restart --force', automatic: false },
    { at: '2026-11-20T03:00:03.500Z', step: 'restart', choice: 'rollback' as const, automatic: false },
  ];

  it('names the failed step of the normal flow even when a rollback step failed after it, and lists what was tried in order', () => {
    const incident = buildIncident('failed', collectSteps(events, '/nonexistent'), decisions);
    expect(incident?.failedStep).toBe('restart');
    expect(incident?.tried.map((a) => `${a.action} ${a.step} ${a.status ?? a.detail}`)).toEqual([
      'attempt restart failed',
      'edit-retry restart restart --force',
      'attempt restart failed',
      'rollback full-restart failed',
    ]);
  });

  it('has nothing to escalate for a run that succeeded or is still open', () => {
    const steps = collectSteps(events, '/nonexistent');
    expect(buildIncident('succeeded', steps, decisions)).toBeUndefined();
    expect(buildIncident('unfinished', steps, decisions)).toBeUndefined();
  });
});
