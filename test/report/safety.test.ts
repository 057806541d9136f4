// What a report must never do: show a secret param, read a file outside its run directory,
// let command text, output or notes break out of their place (HTML or Markdown), or load
// anything from outside the HTML file.
import { appendFileSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderReport } from '../../engine/report/render.js';
import { loadReportModel, writeReports } from '../../engine/report/write-reports.js';
import type { JournalEvent } from '../../engine/journal/events.js';
import { copyState, RUNS } from '../fixtures/runs/runs.js';

const state = copyState('runbook-report-safety-');
afterAll(() => rmSync(state, { recursive: true, force: true }));
const runDir = (id: string) => join(state, 'runs', id);

function rewrite(id: string, change: (events: JournalEvent[]) => JournalEvent[]): string {
  const file = join(runDir(id), 'journal.jsonl');
  const events = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as JournalEvent);
  writeFileSync(file, change(events).map((e) => JSON.stringify(e)).join('\n') + '\n');
  return runDir(id);
}

const formats = ['md', 'html', 'json'] as const;
const everyFormat = async (dir: string) => {
  const model = (await loadReportModel(dir, 'es')).model;
  return formats.flatMap((f) => (['es', 'en'] as const).map((lang) => renderReport(model, f, { lang, timeZone: 'UTC' })));
};

describe('secrets', () => {
  it('renders params listed in secretParams masked in every format, even if the journal had them in clear', async () => {
    const dir = rewrite(RUNS.succeeded, (events) =>
      events.map((e) => (e.type === 'run-started' ? { ...e, params: { DB_PASSWORD: 's3cr3t-Pa55', API_TOKEN: 'tok_live_9f8e7d', SITE: 'fortaleza' }, secretParams: ['DB_PASSWORD', 'API_TOKEN'] } : e)),
    );
    const written = await writeReports(dir, { timeZone: 'UTC' });
    for (const text of [...(await everyFormat(dir)), readFileSync(written.md, 'utf8'), readFileSync(written.html, 'utf8')]) {
      expect(text).not.toContain('s3cr3t-Pa55');
      expect(text).not.toContain('tok_live_9f8e7d');
      expect(text).toContain('fortaleza');
      expect(text).toContain('••••••');
    }
  });
});

describe('files outside the run directory', () => {
  it('reads step output only from inside the run directory: not `..`, not absolute, not through a symlink', async () => {
    const outside = join(state, 'outside.log');
    writeFileSync(outside, 'OUTSIDE-THE-RUN-DIR\n');
    const dir = runDir(RUNS.resumed);
    mkdirSync(join(dir, 'steps'), { recursive: true });
    symlinkSync(outside, join(dir, 'steps', 'linked.log'));
    const logs = ['../../outside.log', outside, 'steps/linked.log'];
    rewrite(RUNS.resumed, (events) => {
      let n = 0;
      return events.map((e) => (e.type === 'step-finished' && e.log !== undefined ? { ...e, log: logs[n++ % logs.length] ?? '' } : e));
    });
    const model = (await loadReportModel(dir, 'es')).model;
    expect(model.steps.map((s) => s.log)).toEqual(expect.arrayContaining(logs));
    expect(model.steps.filter((s) => s.excerpt !== undefined)).toEqual([]);
    for (const text of await everyFormat(dir)) expect(text).not.toContain('OUTSIDE-THE-RUN-DIR');
  });
});

describe('escaping', () => {
  const hostile = 'echo "<script>alert(1)</script>" ```` `tick` | tee </details> [x](javascript:alert(1))';
  const dir = rewrite(RUNS['rolled-back'], (events) =>
    events.map((e) => {
      if (e.type === 'step-started' && e.step === 'restore' && e.attempt === 2) return { ...e, command: hostile };
      if (e.type === 'note') return { ...e, text: '<img src=x onerror=alert(2)> **bold** | pipe' };
      return e;
    }),
  );
  appendFileSync(join(dir, 'steps', '007-restore.2.log'), '</pre><script>alert(3)</script>\n```\n````\nfin\n');

  it('HTML-escapes command text, output and notes', async () => {
    const html = renderReport((await loadReportModel(dir, 'es')).model, 'html', { lang: 'es', timeZone: 'UTC' });
    expect(html).not.toMatch(/<script|<img|onerror=alert\(2\)>/);
    expect(html).toContain('echo &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;');
    expect(html).toContain('&lt;/pre&gt;&lt;script&gt;alert(3)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
  });

  it('keeps Markdown output inside a fence longer than any backtick run in it, and escapes inline text', async () => {
    const md = renderReport((await loadReportModel(dir, 'es')).model, 'md', { lang: 'es', timeZone: 'UTC' });
    expect(md).toContain('`````text\nSET\nSET\nSET\npsql:<stdin>:31: ERROR:  role "pawpaw_app" does not exist\n</pre><script>alert(3)</script>\n```\n````\nfin\n`````');
    expect(md).toContain('`````bash\necho "<script>alert(1)</script>" ```` `tick` | tee </details> [x](javascript:alert(1))\n`````');
    expect(md).toContain('stop-services: \\<img src=x onerror=alert(2)\\> \\*\\*bold\\*\\* \\| pipe');
    expect(md).not.toMatch(/^<script>/m);
  });

  it('makes the HTML one self-contained file: no scripts, no external stylesheets, fonts or images', async () => {
    const html = renderReport((await loadReportModel(runDir(RUNS.aborted), 'en')).model, 'html', { lang: 'en', timeZone: 'UTC' });
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|src=|href=/i);
    expect(html).toMatch(/<style>[\s\S]*@media print[\s\S]*<\/style>/);
  });
});
