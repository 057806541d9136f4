// One bad journal never hides or breaks the others: `runs` lists it as damaged
// (or empty, killed before its first event) with the reason; `log`, `report`
// and `resume` of the other runs work. A finished run whose reports are
// missing is marked, and `runbook report RUN` writes them again.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { world } from './cli.js';

const w = world();
afterAll(() => w.cleanup());

const runs = join(w.env.RUNBOOK_STATE_DIR ?? '', 'runs');
const file = w.file('good.md', '---\nid: GOOD\ntitle: Bueno\n---\n# Bueno\n\n## Uno\n\n```bash\necho uno\n```\n');
const journalOf = (id: string) => join(runs, id, 'journal.jsonl');
function plant(id: string, text: string): void {
  mkdirSync(join(runs, id), { recursive: true });
  writeFileSync(journalOf(id), text);
}
const runsJson = () => JSON.parse(w.run(['runs', '--json']).stdout) as Record<string, unknown>[];

describe('damaged journals are isolated', () => {
  const play = w.run(['play', file, '--yes']);
  const good = runsJson()[0]?.runId as string;
  const lines = readFileSync(journalOf(good), 'utf8').split('\n').filter(Boolean);
  // A run to resume: the good journal without its run-finished, older than the damaged ones below.
  const open = good.replace(/^\d{8}T\d{6}Z/, '20990101T000000Z');
  plant(open, `${lines.filter((l) => !l.includes('"run-finished"')).join('\n').replaceAll(good, open)}\n`);
  plant('20991231T000001Z-good-missing', `${JSON.stringify({ seq: 1, at: '2099-12-31T00:00:01.000Z', type: 'run-started', runId: 'x' })}\n`);
  plant('20991231T000002Z-good-corrupt', `${lines[0]}\n{not json\n${lines.slice(1).join('\n')}\n`);
  plant('20991231T000003Z-good-empty', '');

  it('runs --json lists every run: damaged ones with status "damaged" and the reason, an empty one as "empty"', () => {
    expect(play.code, play.stderr).toBe(0);
    const rows = runsJson();
    const by = (id: string) => rows.find((r) => r.runId === id);
    expect(rows).toHaveLength(5);
    expect(by(good)).toMatchObject({ status: 'succeeded', damage: null, reportsMissing: false });
    expect(by('20991231T000001Z-good-missing')).toMatchObject({ status: 'damaged', damage: { reasonId: 'damage.line', data: { line: 1 }, reason: 'line 1 is not a journal event' }, startedAt: '2099-12-31T00:00:01.000Z' });
    expect(by('20991231T000002Z-good-corrupt')).toMatchObject({ status: 'damaged', runbook: 'GOOD', damage: { reasonId: 'damage.line', data: { line: 2 } } });
    expect(by('20991231T000003Z-good-empty')).toMatchObject({ status: 'empty', damage: null });
  });

  it('runs (table) shows them; log, report and resume of the others work', () => {
    const table = w.run(['runs']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('damaged: line 2 is not a journal event');
    expect(table.stdout).toContain('empty journal (stopped before its first event)');
    const log = w.run(['log']);
    expect(log.code, log.stderr).toBe(0);
    expect(log.stdout).toContain('GOOD');
    expect(log.stderr).toContain('20991231T000002Z-good-corrupt');
    expect(w.run(['log', '--json']).code).toBe(0);
    expect(w.run(['report', good, '--format', 'json']).code).toBe(0);
    const resumed = w.run(['resume', '--yes']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(readFileSync(journalOf(open), 'utf8')).toContain('"run-finished"');
  });

  it('only damaged runs: never "No runs yet"', () => {
    const alone = join(w.dir, 'alone');
    mkdirSync(join(alone, 'runs', '20991231T000009Z-x-bad'), { recursive: true });
    writeFileSync(join(alone, 'runs', '20991231T000009Z-x-bad', 'journal.jsonl'), '{"seq":1}\n');
    const r = w.run(['runs', '--state-dir', alone]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('No runs yet');
    expect(r.stdout).toContain('20991231T000009Z-x-bad');
  });
});

describe('reports after a crash', () => {
  it('runs marks a finished run whose reports are missing; runbook report RUN writes them again in its folder', () => {
    expect(w.run(['play', file, '--yes']).code).toBe(0);
    const latest = runsJson().filter((r) => r.status === 'succeeded').at(-1)?.runId as string;
    rmSync(join(runs, latest, 'report.md'));
    expect(runsJson().find((r) => r.runId === latest)).toMatchObject({ reportsMissing: true });
    expect(w.run(['runs']).stderr).toContain(`reports missing: runbook report ${latest}`);
    const report = w.run(['report', latest]);
    expect(report.code, report.stderr).toBe(0);
    expect(existsSync(join(runs, latest, 'report.md'))).toBe(true);
    expect(runsJson().find((r) => r.runId === latest)).toMatchObject({ reportsMissing: false });
  });
});
