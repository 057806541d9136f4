// Incident reports: golden Markdown and JSON for a successful run, a failed
// run with rollback, a dry run and a resumed run; secrets never rendered;
// the HTML is one self-contained file.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReportModel } from '../../engine/report/model.js';
import { renderReport } from '../../engine/report/render.js';
import { writeReports } from '../../engine/report/write-reports.js';
import { readJournal } from '../../engine/run/journal-read.js';
import { dryRun, resumedRun, rolledBackRun, succeededRun } from '../fixtures/runs/journals.js';

const work = mkdtempSync(join(tmpdir(), 'runbook-report-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const cases = { succeeded: succeededRun, 'rolled-back': rolledBackRun, 'dry-run': dryRun, resumed: resumedRun };

function model(name: keyof typeof cases) {
  const dir = cases[name](join(work, name));
  return { dir, model: buildReportModel(readJournal(join(dir, 'journal.jsonl')).events, dir) };
}

describe('report goldens', () => {
  for (const name of Object.keys(cases) as (keyof typeof cases)[]) {
    it(`${name}: Markdown (es, en) and JSON`, async () => {
      const { model: m } = model(name);
      await expect(renderReport(m, 'md', { lang: 'es', timeZone: 'America/Guayaquil' })).toMatchFileSnapshot(`goldens/${name}.es.md`);
      await expect(renderReport(m, 'md', { lang: 'en', timeZone: 'UTC' })).toMatchFileSnapshot(`goldens/${name}.en.md`);
      await expect(renderReport(m, 'json', { lang: 'es' })).toMatchFileSnapshot(`goldens/${name}.json`);
    });
  }
});

describe('report content', () => {
  it('labels a dry run and a real run so that it cannot be missed', () => {
    expect(renderReport(model('dry-run').model, 'md', { lang: 'es', timeZone: 'UTC' })).toMatch(/^# .*\n\n> \[!NOTE\]\n> \*\*SIMULACIÓN \(DRY RUN\)\*\*/);
    expect(renderReport(model('succeeded').model, 'html', { lang: 'en', timeZone: 'UTC' })).toContain('<div class="banner real" id="mode">REAL RUN');
  });

  it('shows times in the given time zone', () => {
    const md = renderReport(model('succeeded').model, 'md', { lang: 'es', timeZone: 'America/Guayaquil' });
    expect(md).toContain('22:12:00'); // 03:12 UTC is 22:12 the day before in Guayaquil
  });

  it('has an escalation section ready for a ticket when the run failed', () => {
    const md = renderReport(model('rolled-back').model, 'md', { lang: 'es', timeZone: 'UTC' });
    expect(md).toContain('## Escalamiento (para el ticket)');
    expect(md).toContain('**Qué falló:** restore');
    expect(md).toContain('retry, rollback');
    expect(md).toContain('ERROR:  relation "orders" does not exist');
  });

  it('never renders a secret param value, even if the journal had it unmasked', () => {
    model('succeeded');
    const rebuilt = buildReportModel([{ ...readJournal(join(work, 'succeeded', 'journal.jsonl')).events[0], params: { DB_PASSWORD: 's3cr3t-pass' } } as never], join(work, 'succeeded'));
    for (const format of ['md', 'html', 'json'] as const) expect(renderReport(rebuilt, format, { lang: 'es' })).not.toContain('s3cr3t-pass');
  });

  it('escapes command text and output in HTML, and the HTML loads nothing from outside', () => {
    const { model: m } = model('succeeded');
    m.steps[0] = { ...m.steps[0]!, command: 'echo "<script>alert(1)</script>"' };
    const html = renderReport(m, 'html', { lang: 'es' });
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toMatch(/<script|<link|@import|src="http|url\(http/);
  });

  it('writeReports writes report.md and report.html in the run directory, private to the user', async () => {
    const { dir } = model('succeeded');
    const paths = await writeReports(dir, { lang: 'en', timeZone: 'UTC' });
    expect(readFileSync(paths.md, 'utf8')).toContain('# Incident report — RB-01');
    expect((await import('node:fs')).statSync(paths.html).mode & 0o777).toBe(0o600);
  });
});
