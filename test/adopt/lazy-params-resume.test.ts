// On resume, an inferred param given before the crash (a `param` event) is
// not asked again; one not yet needed is asked before its first step.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { analyzeSource } from '../../engine/catalog/load-runbook.js';
import { createTranslator } from '../../engine/i18n/translate.js';
import { JOURNAL_SCHEMA, type NewEvent } from '../../engine/journal/events.js';
import { readJournal } from '../../engine/journal/read.js';
import { openJournal } from '../../engine/journal/write.js';
import { stopControl } from '../../engine/run/context.js';
import { scriptedPrompter } from '../../engine/run/operator/prompter.js';
import { createStyle } from '../../engine/run/operator/style.js';
import { createUi } from '../../engine/run/operator/ui.js';
import { resume } from '../../engine/run/resume.js';
import { fakeRunner } from '../run/helpers.js';

const MD = `---\nid: LAZY\n---\n# Lazy\n\n## Uno\n\n\`\`\`bash { id=uno }\nkubectl get pods -n <namespace>\n\`\`\`\n\n## Dos\n\n\`\`\`bash { id=dos }\nkubectl logs <pod name> -n <namespace>\n\`\`\`\n`;

it('resume asks only the inferred params nobody gave yet, each before its step', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-lazy-'));
  const path = join(dir, 'lazy.md');
  writeFileSync(path, MD);
  const loaded = await analyzeSource(MD, path);
  const runId = '20261201T090000Z-lazy-0a1b2c3d';
  const runDir = join(dir, 'state', 'runs', runId);
  mkdirSync(join(runDir, 'steps'), { recursive: true });
  const journal = openJournal(join(runDir, 'journal.jsonl'));
  const events: NewEvent[] = [
    {
      type: 'run-started', schema: JOURNAL_SCHEMA, runId, runbook: { id: 'LAZY', title: 'Lazy', path, sha256: loaded.runbook.sha256 }, source: MD,
      steps: loaded.runbook.steps.map((s) => ({ id: s.id, kind: s.kind, section: s.id, text: s.kind === 'command' ? s.command : s.text, destructive: false, rollback: false })),
      operator: 'ana', host: 'ops', protectedEnv: false, mode: 'real', params: {}, secretParams: [], engineVersion: '0.1.0', interactive: true, plan: ['uno', 'dos'],
    },
    { type: 'param', name: 'NAMESPACE', value: 'pagos', step: 'uno' },
    { type: 'step-started', step: 'uno', phase: 'flow', attempt: 1, kind: 'command', command: 'kubectl get pods -n <namespace>' },
  ];
  for (const e of events) journal.append(e);
  journal.close();
  const runner = fakeRunner();
  const t = createTranslator('en');
  const asked: string[] = [];
  await resume({
    attendance: { kind: 'attended', prompter: scriptedPrompter(['rerun', 'run', 'api-1', 'run'], asked) },
    paramPairs: [], stateDir: join(dir, 'state'), cwd: dir, env: { PATH: process.env.PATH ?? '', RUNBOOK_LOCK_DIR: join(dir, 'locks') },
    runner, ui: createUi({ write: () => true }, createStyle(false), t), t, progress: 'silent', stop: stopControl(),
  });
  expect(asked.filter((q) => q.startsWith('NAMESPACE'))).toEqual([]);
  expect(asked.filter((q) => q.startsWith('POD_NAME'))).toHaveLength(1);
  expect(asked.findIndex((q) => q.startsWith('POD_NAME'))).toBe(2);
  expect(runner.requests.map((r) => r.env.NAMESPACE)).toEqual(['pagos', 'pagos']);
  expect(runner.requests[1]?.env.POD_NAME).toBe('api-1');
  expect(readJournal(join(runDir, 'journal.jsonl')).events.filter((e) => e.type === 'param').map((e) => (e.type === 'param' ? e.name : ''))).toEqual(['NAMESPACE', 'POD_NAME']);
});
