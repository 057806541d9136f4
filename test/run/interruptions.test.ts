// The run loop under interruptions, in process (scripted answers, fake
// runner): Ctrl+C at a prompt is Abort (the rollback question follows, a
// second Ctrl+C leaves the run resumable); a stop between steps or a lost
// terminal leaves it resumable; safety steps left out or skipped block the
// steps that rely on them.
import { describe, expect, it } from 'vitest';
import { AbortedError } from '../../engine/errors.js';
import { stopControl } from '../../engine/run/context.js';
import type { Prompter } from '../../engine/run/operator/prompter.js';
import { scriptedPrompter } from '../../engine/run/operator/prompter.js';
import { decisions, finished, playWith } from './helpers.js';

/** Answers from a list; the string 'CTRL-C' is inquirer's Ctrl+C (an abort at the prompt). */
function withCtrlC(answers: (string | boolean)[]): Prompter {
  const inner = scriptedPrompter(answers.filter((a) => a !== 'CTRL-C'));
  const queue = [...answers];
  const wrap = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    if (queue.shift() === 'CTRL-C') throw new AbortedError('run.abortedAtPrompt');
    return fn(...args);
  };
  return { choose: wrap(inner.choose), text: wrap(inner.text), secret: wrap(inner.secret), confirm: wrap(inner.confirm) };
}

const RESTORE = `# Restaurar

## Copia

\`\`\`bash { id=backup capture=SAFETY }
echo /tmp/copia.sql
\`\`\`

## Borrar

\`\`\`bash { id=drop destructive needs=backup }
echo drop
\`\`\`

## Cargar

\`\`\`bash { id=load }
echo load
\`\`\`

## Marcha atrás

\`\`\`bash { id=undo rollback }
echo "restaurar $SAFETY"
\`\`\`
`;

describe('Ctrl+C at a prompt', () => {
  it('after a destructive step is Abort: the rollback question follows, and Enter (its default) rolls back', async () => {
    const r = await playWith({ markdown: RESTORE, options: { attendance: { kind: 'attended', prompter: withCtrlC(['run', 'run', true, 'CTRL-C', true, 'run']) } } });
    expect(r.error).toBeUndefined();
    expect(r.summary?.status).toBe('rolled-back');
    expect(r.ran).toEqual(['echo /tmp/copia.sql', 'echo drop', 'echo "restaurar $SAFETY"']);
    expect(decisions(r.events)).toEqual(['backup:run', 'drop:confirmed', 'drop:run', 'load:abort', '-:rollback', 'undo:run']);
    expect(r.events.find((e) => e.type === 'decision' && e.choice === 'abort')).toMatchObject({ reason: { key: 'reason.ctrlCAtPrompt' } });
  });

  it('a second Ctrl+C, at the rollback question, leaves the run resumable without rolling back', async () => {
    const r = await playWith({ markdown: RESTORE, options: { attendance: { kind: 'attended', prompter: withCtrlC(['run', 'run', true, 'CTRL-C', 'CTRL-C']) } } });
    expect(r.summary?.status).toBe('stopped');
    expect(r.ran).toEqual(['echo /tmp/copia.sql', 'echo drop']);
    expect(r.events.at(-1)).toMatchObject({ type: 'run-stopped', signal: 'SIGINT' });
  });

  it('before any destructive step ends the run as aborted (an explicit end, not resumable)', async () => {
    const r = await playWith({ markdown: RESTORE, options: { attendance: { kind: 'attended', prompter: withCtrlC(['CTRL-C']) } } });
    expect(r.summary?.status).toBe('aborted');
    expect(r.events.at(-1)).toMatchObject({ type: 'run-finished', status: 'aborted' });
  });
});

describe('stops outside a step', () => {
  it('a stop between steps: nothing more starts, the run is resumable', async () => {
    const controller = new AbortController();
    const r = await playWith({ markdown: RESTORE, answers: ['run', 'run'], script: { 'copia.sql': { stdout: '/tmp/copia.sql' } }, options: { stop: stopControl(controller.signal), runner: { async run(req) { req.onStart?.(1); controller.abort('SIGTERM'); return { status: 'succeeded', exitCode: 0, signal: null, durationMs: 1, stdout: '/tmp/copia.sql', stderr: '', outputBytes: 15 }; } } } });
    expect(r.summary?.status).toBe('stopped');
    expect(finished(r.events)).toEqual(['backup:succeeded']);
    expect(r.events.at(-1)).toMatchObject({ type: 'run-stopped', signal: 'SIGTERM', after: 'backup' });
  });

  it('a lost terminal (attended): the running step finishes, then the run stops, resumable', async () => {
    const lost = new AbortController();
    const r = await playWith({ markdown: RESTORE, answers: ['run'], options: { stop: stopControl(undefined, lost.signal), runner: { async run(req) { req.onStart?.(1); lost.abort('SIGHUP'); return { status: 'succeeded', exitCode: 0, signal: null, durationMs: 1, stdout: '/tmp/copia.sql', stderr: '', outputBytes: 15 }; } } } });
    expect(r.summary?.status).toBe('stopped');
    expect(finished(r.events)).toEqual(['backup:succeeded']);
    expect(r.events.at(-1)).toMatchObject({ type: 'run-stopped', signal: 'SIGHUP', after: 'backup' });
  });

  it('a lost terminal (--yes): the run goes on to its end and the journal says so', async () => {
    const lost = new AbortController();
    lost.abort('EPIPE');
    const r = await playWith({ markdown: RESTORE, options: { yes: true, allowDestructive: true, stop: stopControl(undefined, lost.signal) } });
    expect(r.summary?.status).toBe('succeeded');
    expect(r.events.find((e) => e.type === 'decision' && e.choice === 'continue')).toMatchObject({ automatic: true, reason: { key: 'reason.terminalLost', data: { signal: 'EPIPE' } } });
  });
});

describe('safety steps cannot be skipped silently', () => {
  it('--yes --from past a needed step stops before any step, naming what was left out', async () => {
    const r = await playWith({ markdown: RESTORE, options: { yes: true, allowDestructive: true, selection: { from: 'drop' } } });
    expect(r.error).toMatchObject({ key: 'error.safetyLeftOut', vars: { steps: 'drop ← backup' } });
    expect(r.ran).toEqual([]);
    expect(r.events.at(-1)).toMatchObject({ type: 'run-finished', status: 'failed', reason: { key: 'error.safetyLeftOut' } });
  });

  it('attended: the blocked step offers to run the missing step now', async () => {
    const r = await playWith({ markdown: RESTORE, answers: ['run-missing', 'run', 'run', true, 'run'], options: { selection: { from: 'drop' } } });
    expect(r.summary?.status).toBe('succeeded');
    expect(r.ran).toEqual(['echo /tmp/copia.sql', 'echo drop', 'echo load']);
    expect(decisions(r.events)).toEqual(['drop:run-missing', 'backup:run', 'drop:confirmed', 'drop:run', 'load:run']);
  });

  it('attended: going on without it takes the blocked step id, typed, and is journaled', async () => {
    const r = await playWith({ markdown: RESTORE, answers: ['override', 'drop', 'run', true, 'run'], options: { selection: { from: 'drop' } } });
    expect(r.summary?.status).toBe('succeeded');
    expect(r.events.find((e) => e.type === 'decision' && e.choice === 'override')).toMatchObject({ step: 'drop', text: 'drop', reason: { key: 'reason.safetyMissing', data: { missing: 'backup' } } });
  });

  it('a rollback step whose capture never ran is reported, not run, and the rollback is never "completed"', async () => {
    const markdown = RESTORE.replace('{ id=drop destructive needs=backup }', '{ id=drop destructive }');
    const r = await playWith({ markdown, answers: ['run', true, 'abort', true], options: { selection: { from: 'drop' } } });
    // `drop` no longer needs `backup`, but `undo` uses its capture: skipped with the reason
    expect(r.ran).toEqual(['echo drop']);
    expect(r.events.find((e) => e.type === 'step-finished' && e.step === 'undo')).toMatchObject({ status: 'skipped', reason: { key: 'reason.safetyMissing', data: { missing: 'backup ($SAFETY)' } } });
    expect(r.events.at(-1)).toMatchObject({ type: 'run-finished', status: 'failed', reason: { key: 'reason.rollbackNothing' } });
  });

  it('Skip of a needed step blocks the step that needs it (--yes: the run fails there)', async () => {
    const markdown = RESTORE.replace('{ id=backup capture=SAFETY }', '{ id=backup capture=SAFETY continue-on-error }');
    const r = await playWith({ markdown, script: { 'copia.sql': { code: 3 } }, options: { yes: true, allowDestructive: true } });
    expect(r.ran).toEqual(['echo /tmp/copia.sql']);
    expect(r.events.find((e) => e.type === 'step-finished' && e.step === 'drop')).toMatchObject({ status: 'skipped', reason: { key: 'reason.safetyMissing' } });
    expect(r.summary?.status).toBe('failed');
  });

  it('--yes: a needed manual step passed as not confirmed does not block (unattended runs cannot confirm one)', async () => {
    const markdown = `# Manual\n\n## Autorizar\n\n- [ ] Obtener la autorización\n\n## Parar\n\n\`\`\`bash { id=parar destructive needs=obtener-la-autorizacion }\necho parar\n\`\`\`\n`;
    const r = await playWith({ markdown, options: { yes: true, allowDestructive: true } });
    expect(r.error).toBeUndefined();
    expect(r.summary?.status).toBe('succeeded');
    expect(r.ran).toEqual(['echo parar']);
  });
});
