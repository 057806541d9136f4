// resume, in process: from a journal whose engine died during a step, it never
// re-runs a finished step, settles the interrupted one (re-run, mark done or
// skip), goes on with the rest, and records the resumption.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeSource } from '../../engine/catalog/load-runbook.js';
import { createTranslator } from '../../engine/i18n/translate.js';
import { JOURNAL_SCHEMA, type NewEvent } from '../../engine/journal/events.js';
import { readJournal } from '../../engine/journal/read.js';
import { openJournal } from '../../engine/journal/write.js';
import { stopControl } from '../../engine/run/context.js';
import { scriptedPrompter } from '../../engine/run/operator/prompter.js';
import { createUi } from '../../engine/run/operator/ui.js';
import { createStyle } from '../../engine/run/operator/style.js';
import { resume } from '../../engine/run/resume.js';
import { fakeRunner } from './helpers.js';

const MD = `---\nid: RES\ntitle: Reanudar\n---\n# Reanudar\n\n## Uno\n\n\`\`\`bash { id=uno }\necho uno\n\`\`\`\n\n## Dos\n\n\`\`\`bash { id=dos }\necho dos\n\`\`\`\n\n## Tres\n\n\`\`\`bash { id=tres }\necho tres\n\`\`\`\n`;

/** A state dir holding one run of MD that stopped while `dos` ran (no `run-finished`). */
async function crashedRun() {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-resume-'));
  const path = join(dir, 'res.md');
  writeFileSync(path, MD);
  const loaded = await analyzeSource(MD, path);
  const runId = '20261201T080000Z-res-0a1b2c3d';
  const runDir = join(dir, 'state', 'runs', runId);
  mkdirSync(join(runDir, 'steps'), { recursive: true });
  const journal = openJournal(join(runDir, 'journal.jsonl'));
  const events: NewEvent[] = [
    {
      type: 'run-started', schema: JOURNAL_SCHEMA, runId, runbook: { id: 'RES', title: 'Reanudar', path, sha256: loaded.runbook.sha256 }, source: MD,
      steps: loaded.runbook.steps.map((s) => ({ id: s.id, kind: s.kind, section: s.id, text: s.kind === 'command' ? s.command : s.text, destructive: false, rollback: false })),
      operator: 'ana', host: 'ops', protectedEnv: false, mode: 'real', params: {}, secretParams: [], engineVersion: '0.1.0', interactive: false, plan: ['uno', 'dos', 'tres'],
    },
    { type: 'step-started', step: 'uno', phase: 'flow', attempt: 1, kind: 'command', command: 'echo uno' },
    { type: 'step-finished', step: 'uno', phase: 'flow', attempt: 1, status: 'succeeded', exitCode: 0, signal: null, durationMs: 1, outputBytes: 4 },
    { type: 'step-started', step: 'dos', phase: 'flow', attempt: 1, kind: 'command', command: 'echo dos' },
  ];
  for (const e of events) journal.append(e);
  journal.close();
  return { dir, runDir };
}

async function resumeWith(answers: string[] | undefined, edit?: (md: string) => string) {
  const { dir, runDir } = await crashedRun();
  if (edit) writeFileSync(join(dir, 'res.md'), edit(MD));
  const runner = fakeRunner();
  const t = createTranslator('en');
  let screen = '';
  const summary = await resume({
    attendance: answers ? { kind: 'attended', prompter: scriptedPrompter(answers) } : { kind: 'unattended', allowDestructive: false },
    paramPairs: [], stateDir: join(dir, 'state'), cwd: dir, env: { PATH: process.env.PATH ?? '', RUNBOOK_LOCK_DIR: join(dir, 'locks') },
    runner, ui: createUi({ write: (text) => ((screen += String(text)), true) }, createStyle(false), t), t, progress: 'silent', stop: stopControl(),
  });
  return { summary, ran: runner.requests.map((r) => r.command), events: readJournal(join(runDir, 'journal.jsonl')).events, screen };
}

describe('resume', () => {
  it('under --yes re-runs the interrupted step, never the finished one, and finishes the run', async () => {
    const r = await resumeWith(undefined);
    expect(r.ran).toEqual(['echo dos', 'echo tres']);
    expect(r.summary.status).toBe('succeeded');
    expect(r.events.find((e) => e.type === 'resumed')).toMatchObject({ interrupted: 'dos', afterCrash: true });
    expect(r.events.find((e) => e.type === 'decision')).toMatchObject({ step: 'dos', choice: 'rerun', automatic: true });
    expect(r.events.filter((e) => e.type === 'step-started' && e.step === 'dos').map((e) => e.type === 'step-started' && e.attempt)).toEqual([1, 2]);
  });

  it('attended, "Mark done" records the interrupted step as done without running it', async () => {
    const r = await resumeWith(['mark-done', 'run']);
    expect(r.ran).toEqual(['echo tres']);
    expect(r.events.find((e) => e.type === 'step-finished' && e.step === 'dos')).toMatchObject({ status: 'done', reason: { key: 'reason.markedDone', data: {} } });
  });

  it('a runbook changed since the run began: the diff is shown, the runbook on disk runs, and the journal says so', async () => {
    const r = await resumeWith(undefined, (md) => md.replace('echo tres', 'echo tres-nuevo'));
    expect(r.screen).toContain('-echo tres');
    expect(r.screen).toContain('+echo tres-nuevo');
    expect(r.ran).toEqual(['echo dos', 'echo tres-nuevo']);
    expect(r.events.find((e) => e.type === 'resumed')).toMatchObject({ runbookChanged: true });
  });

  it('refuses a run that already finished', async () => {
    const { dir } = await crashedRun();
    const first = await resume({ attendance: { kind: 'unattended', allowDestructive: false }, paramPairs: [], stateDir: join(dir, 'state'), cwd: dir, env: { PATH: process.env.PATH ?? '', RUNBOOK_LOCK_DIR: join(dir, 'locks') }, runner: fakeRunner(), ui: createUi({ write: () => true }, createStyle(false), createTranslator('en')), t: createTranslator('en'), progress: 'silent', stop: stopControl() });
    expect(first.status).toBe('succeeded');
    await expect(resume({ runId: first.runId, attendance: { kind: 'unattended', allowDestructive: false }, paramPairs: [], stateDir: join(dir, 'state'), cwd: dir, env: { PATH: process.env.PATH ?? '' }, runner: fakeRunner(), ui: createUi({ write: () => true }, createStyle(false), createTranslator('en')), t: createTranslator('en'), progress: 'silent', stop: stopControl() })).rejects.toMatchObject({ name: 'UsageError', key: 'error.runFinished' });
  });
});
