// Alternative sections in a run: under --yes only the first option runs, the
// others end as skipped with a reason and the choice is a journaled decision;
// attended, the operator chooses; a dry run shows the choice; resume keeps it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../engine/i18n/translate.js';
import { readJournal } from '../../engine/journal/read.js';
import { stopControl } from '../../engine/run/context.js';
import { createStyle } from '../../engine/run/operator/style.js';
import { createUi } from '../../engine/run/operator/ui.js';
import { resume } from '../../engine/run/resume.js';
import { decisions, fakeRunner, finished, playWith } from '../run/helpers.js';

const fence = (body: string) => `\`\`\`bash\n${body}\n\`\`\`\n`;
const MD = `# Disco lleno\n\n## Comprobar\n\n${fence('df -h')}\n## Option 1: clean up\n\n${fence('echo clean')}\n### Check\n\n${fence('echo check')}\n## Option 2 (use with caution)\n\n${fence('echo grow')}\n## Close\n\n${fence('echo done')}`;

describe('alternatives in a run', () => {
  it('--yes: the first option runs, the other is journaled as not chosen, with the reason and an automatic decision', async () => {
    const { events, ran, screen, error } = await playWith({ markdown: MD, options: { yes: true } });
    expect(error).toBeUndefined();
    expect(ran).toEqual(['df -h', 'echo clean', 'echo check', 'echo done']);
    expect(finished(events)).toEqual(['comprobar:succeeded', 'option-1-clean-up:succeeded', 'check:succeeded', 'option-2-use-with-caution:skipped', 'close:succeeded']);
    const skipped = events.find((e) => e.type === 'step-finished' && e.step === 'option-2-use-with-caution');
    expect(skipped).toMatchObject({ reason: { key: 'reason.alternativeNotChosen', data: { chosen: 'Option 1: clean up', option: 'Option 2 (use with caution)' } } });
    expect(decisions(events)).toEqual(['option-1-clean-up:alternative']);
    expect(events.find((e) => e.type === 'decision')).toMatchObject({ automatic: true, reason: { key: 'reason.alternativeFirst', data: { group: 0, option: 0 } } });
    expect(screen).toContain('alternatives: under --yes only the first, “Option 1: clean up”, runs; not run: “Option 2 (use with caution)”');
  });

  it('attended: the operator chooses the second option; the first is not run', async () => {
    const { events, ran, asked, error } = await playWith({ markdown: MD, answers: ['run', '1', 'run', 'run'] });
    expect(error).toBeUndefined();
    expect(ran).toEqual(['df -h', 'echo grow', 'echo done']);
    expect(asked[1]).toBe('These sections are alternatives: “Option 1: clean up / Option 2 (use with caution)”. Which one do you follow?');
    expect(finished(events)).toEqual(['comprobar:succeeded', 'option-1-clean-up:skipped', 'check:skipped', 'option-2-use-with-caution:succeeded', 'close:succeeded']);
    expect(events.find((e) => e.type === 'decision' && e.choice === 'alternative')).toMatchObject({ automatic: false, reason: { key: 'reason.alternativeChosen', data: { option: 1, title: 'Option 2 (use with caution)' } } });
  });

  it('a dry run shows the choice and follows the first option', async () => {
    const { events, screen } = await playWith({ markdown: MD, options: { yes: true, mode: 'dry-run' } });
    expect(screen).toContain('alternatives: the operator chooses one; under --yes only the first, “Option 1: clean up”, runs (shown here); not run: “Option 2 (use with caution)”');
    expect(finished(events)).toContain('option-2-use-with-caution:skipped');
  });

  it('resume keeps the operator\'s choice: a stop inside the second option, resumed under --yes, finishes that option and skips the third', async () => {
    const md = `# Tres caminos\n\n## Option A\n\n${fence('echo a')}\n## Option B\n\n${fence('echo b1')}\n### Then\n\n${fence('echo b2')}\n## Option C\n\n${fence('echo c')}\n## Close\n\n${fence('echo done')}`;
    const stop = new AbortController();
    const fake = fakeRunner();
    const runner = { run: (request: Parameters<typeof fake.run>[0]) => (request.command === 'echo b1' && stop.abort(new Error('SIGTERM')), fake.run(request)) };
    const first = await playWith({ markdown: md, answers: ['1', 'run'], options: { runner, stop: stopControl(stop.signal) } });
    expect(fake.requests.map((r) => r.command)).toEqual(['echo b1']);
    expect(finished(first.events)).toEqual(['option-a:skipped', 'option-b:succeeded']);
    writeFileSync(join(first.dir, 'runbook.md'), md);
    const runDir = join(first.dir, 'state', 'runs');
    const again = fakeRunner();
    const t = createTranslator('en');
    const summary = await resume({
      attendance: { kind: 'unattended', allowDestructive: false }, paramPairs: [], stateDir: join(first.dir, 'state'), cwd: first.dir, env: { PATH: process.env.PATH ?? '', RUNBOOK_LOCK_DIR: join(first.dir, 'locks') },
      runner: again, ui: createUi({ write: () => true }, createStyle(false), t), t, progress: 'silent', stop: stopControl(),
    });
    expect(summary.status).toBe('succeeded');
    expect(again.requests.map((r) => r.command)).toEqual(['echo b2', 'echo done']);
    const events = readJournal(join(runDir, summary.runId, 'journal.jsonl')).events;
    expect(finished(events)).toEqual(['option-a:skipped', 'option-b:succeeded', 'then:succeeded', 'option-c:skipped', 'close:succeeded']);
    expect(decisions(events)).toEqual(['option-b:alternative', 'option-b:run']);
  });

  it('--only naming a step of the second option: that option runs under --yes, the first is not chosen', async () => {
    const { events, ran, screen } = await playWith({ markdown: MD, options: { yes: true, selection: { only: ['option-2-use-with-caution'] } } });
    expect(ran).toEqual(['echo grow']);
    expect(finished(events)).toContain('option-2-use-with-caution:succeeded');
    expect(events.find((e) => e.type === 'decision' && e.choice === 'alternative')).toMatchObject({ reason: { key: 'reason.alternativeSelected', data: { option: 1 } } });
    expect(screen).toContain('alternatives: “Option 2 (use with caution)” runs, the only one selected');
  });
});
