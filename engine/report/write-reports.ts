/** Writes `report.md` and `report.html` into a run directory (mode 0600) and returns their paths. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJournal } from '../run/journal-read.js';
import { JOURNAL_FILE } from '../run/state-dir.js';
import { buildReportModel } from './model.js';
import { renderReport } from './render.js';

export async function writeReports(runDir: string, options: { lang?: 'es' | 'en'; template?: string; timeZone?: string } = {}): Promise<{ md: string; html: string }> {
  const { events } = readJournal(join(runDir, JOURNAL_FILE));
  const model = buildReportModel(events, runDir);
  const lang = options.lang ?? (model.runbook.lang?.startsWith('es') ? 'es' : 'en');
  const paths = { md: join(runDir, 'report.md'), html: join(runDir, 'report.html') };
  const render = { lang, ...(options.timeZone !== undefined && { timeZone: options.timeZone }) } as const;
  writeFileSync(paths.md, renderReport(model, 'md', render), { mode: 0o600 });
  writeFileSync(paths.html, renderReport(model, 'html', render), { mode: 0o600 });
  return paths;
}
