// Resume plays the runbook as it is on disk, never the masked copy in the
// journal: a deleted file is refused, a file with lint errors is refused
// like `play` refuses it, and steps added since the run began are said
// (journaled as not run under --yes), never silently "not selected". A new
// play next to a resumable run is warned, not refused.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { until, world } from './cli.js';

const w = world();
afterAll(() => w.cleanup());

const gate = join(w.dir, 'gate');
const started = join(w.dir, 'started');
const text = (extra = '') => `# Reanudar\n\n## Largo\n\n\`\`\`bash { id=largo }\nif [ -e "${gate}" ]; then exit 0; fi\ntouch "${started}"\nsleep 300\n\`\`\`\n\n## Después\n\n\`\`\`bash { id=despues }\necho despues\n\`\`\`\n${extra}`;
const file = w.file('reanudar.md', text());
const closed = (child: ReturnType<typeof w.start>) => new Promise<number | null>((done) => child.on('close', (c) => done(c)));

/** A run stopped by SIGTERM during its first step: resumable. */
async function stoppedRun(): Promise<string> {
  rmSync(gate, { force: true });
  rmSync(started, { force: true });
  const child = w.start(['play', file, '--yes']);
  await until(() => existsSync(started), 30_000, 'the step to start');
  child.kill('SIGTERM');
  expect(await closed(child), child.output()).toBe(130);
  const events = w.journalOf('reanudar');
  expect(events.at(-1)).toMatchObject({ type: 'run-stopped' });
  return String(events[0]?.runId);
}

describe('resume runs the runbook on disk', () => {
  it('applies the lint gate, says which steps were added, and a new play next to a stopped run is warned, not refused', async () => {
    const first = await stoppedRun();
    writeFileSync(file, text().replace('{ id=despues }', '{ id=despues retyr=2 }'));
    const refused = w.run(['resume', '--yes']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/reanudar\.md has 1 error\(s\) now.*reanudar\.md:\d+:\d+\s+attribute-unknown/);
    writeFileSync(file, text('\n## Nuevo\n\n```bash { id=nuevo }\necho nuevo\n```\n'));
    writeFileSync(gate, '');
    const resumed = w.run(['resume', '--yes']);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('steps added to the runbook since the run began: nuevo');
    const events = w.journalOf('reanudar');
    expect(events[0]?.runId).toBe(first);
    expect(events.find((e) => e.type === 'step-finished' && e.step === 'nuevo')).toMatchObject({ status: 'skipped', reason: { key: 'reason.addedSinceStart' } });
    expect(events.at(-1)).toMatchObject({ type: 'run-finished', status: 'succeeded' });

    writeFileSync(file, text());
    const second = await stoppedRun();
    writeFileSync(gate, '');
    const next = w.run(['play', file, '--yes']);
    expect(next.code, next.stdout + next.stderr).toBe(0);
    expect(next.stdout).toContain(`an unfinished run of this runbook and environment exists: ${second}`);
  }, 240_000);

  it('refuses when the runbook file is gone, and the run stays resumable', async () => {
    writeFileSync(file, text());
    const run = await stoppedRun();
    const journal = join(w.env.RUNBOOK_STATE_DIR ?? '', 'runs', run, 'journal.jsonl');
    const before = readFileSync(journal, 'utf8');
    rmSync(file);
    const r = w.run(['resume', '--yes', run]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`the runbook ${file} of this run is gone`);
    expect(readFileSync(journal, 'utf8')).toBe(before);
  }, 240_000);
});
