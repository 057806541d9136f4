// The run loop with scripted answers and a fake runner: every choice an
// operator has on a command step, a manual step and a failed step.
import { describe, expect, it } from 'vitest';
import { decisions, finished, playWith } from './helpers.js';

const THREE = `# Tres\n\n## Uno\n\n\`\`\`bash\necho uno\n\`\`\`\n\n## Dos\n\n\`\`\`bash\necho dos\n\`\`\`\n\n- [ ] Avisar\n`;

describe('a command step: Run · Skip · Edit · Note · Abort', () => {
  it('Run runs it; Skip records it as skipped; a manual step is Done', async () => {
    const r = await playWith({ markdown: THREE, answers: ['run', 'skip', 'done'] });
    expect(r.ran).toEqual(['echo uno']);
    expect(finished(r.events)).toEqual(['uno:succeeded', 'dos:skipped', 'avisar:done']);
    expect(r.summary?.status).toBe('succeeded');
    expect(r.screen).toContain('  $ echo uno');
  });

  it('Edit command runs the edited command, and the journal keeps it', async () => {
    const r = await playWith({ markdown: THREE, answers: ['edit', 'echo editado', 'run', 'run', 'done'] });
    expect(r.ran).toEqual(['echo editado', 'echo dos']);
    expect(r.events.find((e) => e.type === 'decision' && e.choice === 'edit')).toMatchObject({ command: 'echo editado' });
  });

  it('Add note journals the note and asks again', async () => {
    const r = await playWith({ markdown: THREE, answers: ['note', 'revisado con Ana', 'run', 'run', 'done'] });
    expect(r.events.find((e) => e.type === 'note')).toMatchObject({ step: 'uno', text: 'revisado con Ana' });
    expect(r.ran).toHaveLength(2);
  });

  it('Abort stops the run: status aborted, nothing else runs', async () => {
    const r = await playWith({ markdown: THREE, answers: ['run', 'abort'] });
    expect(r.ran).toEqual(['echo uno']);
    expect(r.summary?.status).toBe('aborted');
    expect(r.events.at(-1)).toMatchObject({ type: 'run-finished', status: 'aborted' });
  });

  it('a manual step can be skipped with a reason, or abort the run', async () => {
    const skipped = await playWith({ markdown: THREE, answers: ['run', 'run', 'skip', 'no hay a quién avisar'] });
    expect(skipped.events.find((e) => e.type === 'step-finished' && e.step === 'avisar')).toMatchObject({ status: 'skipped', text: 'no hay a quién avisar' });
    const aborted = await playWith({ markdown: THREE, answers: ['run', 'run', 'abort'] });
    expect(aborted.summary?.status).toBe('aborted');
  });
});

const FAILING = `# Falla

## Cambiar

\`\`\`bash { id=change destructive on-failure=fix }
cambiar
\`\`\`

## Seguir

\`\`\`bash { id=next }
seguir
\`\`\`

## Arreglar

\`\`\`bash { id=fix }
arreglar
\`\`\`

## Deshacer

\`\`\`bash { id=undo rollback }
deshacer
\`\`\`
`;

describe('a failed step: Retry · Edit and retry · Skip · Handler · Roll back · Abort', () => {
  it('Retry runs it again', async () => {
    const r = await playWith({ markdown: FAILING, answers: ['run', true, 'retry', 'run'], script: { cambiar: [{ code: 1 }, { code: 0 }] } });
    expect(r.ran).toEqual(['cambiar', 'cambiar', 'seguir']);
    expect(r.screen).toContain('failed with exit code 1 (general error)');
    expect(r.summary?.status).toBe('succeeded');
  });

  it('Edit and retry runs the edited command', async () => {
    const r = await playWith({ markdown: FAILING, answers: ['run', true, 'edit-retry', 'cambiar --bien', 'run'], script: { '--bien': { code: 0 }, cambiar: { code: 2 } } });
    expect(r.ran).toEqual(['cambiar', 'cambiar --bien', 'seguir']);
  });

  it('Skip goes on with the next step', async () => {
    const r = await playWith({ markdown: FAILING, answers: ['run', true, 'skip', 'el cambio ya estaba aplicado', 'run'], script: { cambiar: { code: 1 } } });
    expect(finished(r.events)).toContain('change:skipped');
    expect(r.ran.at(-1)).toBe('seguir');
    // The operator is asked why, and the answer is journaled with the skip.
    expect(r.asked).toContain('Why skip it?');
    expect(r.events.find((e) => e.type === 'step-finished' && e.step === 'change' && e.status === 'skipped')).toMatchObject({ text: 'el cambio ya estaba aplicado', reason: { key: 'reason.skippedAfterFailure', data: {} } });
    expect(r.events.find((e) => e.type === 'decision' && e.choice === 'skip')).toMatchObject({ text: 'el cambio ya estaba aplicado' });
  });

  it('Run on-failure handler: success marks the step recovered and the run goes on', async () => {
    const r = await playWith({ markdown: FAILING, answers: ['run', true, 'handler', 'run'], script: { cambiar: { code: 1 } } });
    expect(r.ran).toEqual(['cambiar', 'arreglar', 'seguir']);
    expect(finished(r.events)).toContain('change:recovered');
    expect(r.summary?.status).toBe('succeeded');
  });

  it('a failing handler returns to the failure menu', async () => {
    const r = await playWith({ markdown: FAILING, answers: ['run', true, 'handler', 'abort', false], script: { cambiar: { code: 1 }, arreglar: { code: 1 } } });
    expect(r.ran).toEqual(['cambiar', 'arreglar']);
    expect(decisions(r.events)).toEqual(['change:confirmed', 'change:run', 'change:handler', 'change:abort', '-:abort']);
  });

  it('Roll back runs the rollback path in document order', async () => {
    const r = await playWith({ markdown: FAILING, answers: ['run', true, 'rollback', 'run'], script: { cambiar: { code: 1 } } });
    expect(r.ran).toEqual(['cambiar', 'deshacer']);
    expect(r.summary?.status).toBe('rolled-back');
  });

  it('Abort after a destructive step offers the rollback path first', async () => {
    const yes = await playWith({ markdown: FAILING, answers: ['run', true, 'abort', true, 'run'], script: { cambiar: { code: 1 } } });
    expect(yes.ran).toEqual(['cambiar', 'deshacer']);
    expect(yes.asked).toContain('A destructive step has run. Run the rollback path before stopping?');
    const no = await playWith({ markdown: FAILING, answers: ['run', true, 'abort', false], script: { cambiar: { code: 1 } } });
    expect(no.ran).toEqual(['cambiar']);
    expect(no.summary?.status).toBe('aborted');
  });
});

describe('--yes', () => {
  it('takes the handler on failure and goes on', async () => {
    const r = await playWith({ markdown: FAILING, options: { yes: true, allowDestructive: true }, script: { cambiar: { code: 1 } } });
    expect(r.ran).toEqual(['cambiar', 'arreglar', 'seguir']);
    // Every choice --yes took is journaled, as taken automatically.
    expect(decisions(r.events)).toEqual(['change:run', 'change:handler']);
    const taken = r.events.flatMap((e) => (e.type === 'decision' ? [e] : []));
    expect(taken.map((d) => d.automatic)).toEqual([true, true]);
    expect(taken[0]?.reason).toEqual({ key: 'reason.allowDestructive', data: {} });
  });

  it('without a handler that works, runs the rollback path when a destructive step ran', async () => {
    const r = await playWith({ markdown: FAILING, options: { yes: true, allowDestructive: true }, script: { cambiar: { code: 1 }, arreglar: { code: 1 } } });
    expect(r.ran).toEqual(['cambiar', 'arreglar', 'deshacer']);
    expect(r.summary?.status).toBe('rolled-back');
    expect(decisions(r.events)).toEqual(['change:run', 'change:handler', '-:rollback']);
  });

  it('stops before a destructive step without --allow-destructive', async () => {
    const r = await playWith({ markdown: FAILING, options: { yes: true } });
    expect(r.ran).toEqual([]);
    expect((r.error as Error).name).toBe('FailedError');
    expect(r.events.at(-1)).toMatchObject({ type: 'run-finished', status: 'failed' });
  });

  it('lists manual steps as not confirmed and goes on', async () => {
    const r = await playWith({ markdown: THREE, options: { yes: true } });
    expect(finished(r.events)).toEqual(['uno:succeeded', 'dos:succeeded', 'avisar:not-confirmed']);
  });
});

describe('the rollback path', () => {
  it('never reports "rolled back" when every rollback step was skipped', async () => {
    const md = `# Nada\n\n## Cambiar\n\n\`\`\`bash { id=change destructive }\ncambiar\n\`\`\`\n\n## Deshacer\n\n\`\`\`bash { id=undo rollback if="test -s safety.sql" }\ndeshacer\n\`\`\`\n`;
    const r = await playWith({ markdown: md, options: { yes: true, allowDestructive: true }, script: { cambiar: { code: 1 }, 'test -s': { code: 1 } } });
    expect(r.ran).toEqual(['cambiar', 'test -s safety.sql']);
    expect(r.summary?.status).toBe('failed');
    expect(r.events.at(-1)).toMatchObject({ type: 'run-finished', status: 'failed', reason: { key: 'reason.rollbackNothing' } });
    expect(r.screen).not.toContain('the rollback path completed');
  });
});
