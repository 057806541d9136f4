/**
 * The report at the end of every run: `report.md` and `report.html` in the
 * run directory (mode 0600, like everything in it), from the journal alone.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeLang } from '../i18n/language.js';
import type { RunStartedEvent } from '../run/events.js';
import { readJournal } from '../run/journal-read.js';
import { JOURNAL_FILE } from '../run/state-dir.js';
import { buildReportModel, type ReportModel } from './model.js';
import { formatOfFile, renderReport, type ReportLang } from './render.js';
import { runbookOfRun } from './source-info.js';

export interface WriteReportsOptions {
  /** Report language; default the runbook's `lang`, else English. */
  lang?: ReportLang;
  /** A user template; it replaces the shipped one of its format (by extension: .md, .html, optionally + .eta). */
  template?: string;
  timeZone?: string;
  /** The parse cache, to read the run's runbook without parsing it again. */
  cacheDir?: string | undefined;
  /** The run's model when the caller has already loaded it (`loadReportModel`). */
  model?: ReportModel;
}

export async function loadReportModel(runDir: string, cacheDir?: string): Promise<ReportModel> {
  const { events } = readJournal(join(runDir, JOURNAL_FILE));
  const started = events.find((e): e is RunStartedEvent => e.type === 'run-started');
  const runbook = started ? await runbookOfRun(started.source, started.runbook.path, cacheDir) : undefined;
  return buildReportModel(events, runDir, runbook);
}

export function writePrivateFile(file: string, text: string): void {
  writeFileSync(file, text, { mode: 0o600 });
  chmodSync(file, 0o600); // the mode above applies only when the file is created
}

export async function writeReports(runDir: string, options: WriteReportsOptions = {}): Promise<{ md: string; html: string }> {
  const model = options.model ?? (await loadReportModel(runDir, options.cacheDir));
  const lang = options.lang ?? normalizeLang(model.runbook.lang) ?? 'en';
  const custom = options.template === undefined ? undefined : formatOfFile(options.template);
  const paths = { md: join(runDir, 'report.md'), html: join(runDir, 'report.html') };
  for (const format of ['md', 'html'] as const) {
    const template = custom === format ? options.template : undefined;
    const text = renderReport(model, format, { lang, ...(options.timeZone !== undefined && { timeZone: options.timeZone }), ...(template !== undefined && { template }) });
    writePrivateFile(paths[format], text);
  }
  return paths;
}
