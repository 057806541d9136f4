/**
 * The report at the end of every run: `report.md` and `report.html` in the
 * run directory (mode 0600, like everything in it), from the journal alone.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeLang } from '../i18n/language.js';
import { createTranslator } from '../i18n/translate.js';
import { loadRun } from '../journal/load.js';
import { checkSteps } from './left-behind.js';
import { buildReportModel, type ReportModel } from './model.js';
import { formatOfFile, renderReport, type ReportLang, type TextCache } from './render.js';

export interface WriteReportsOptions {
  /** Report language; default the runbook's `lang`, else `fallbackLang`, else English. */
  lang?: ReportLang;
  fallbackLang?: ReportLang;
  /** A user template; it replaces the shipped one of its format (by extension: .md, .html, optionally + .eta). */
  template?: string;
  timeZone?: string;
  /** Where compiled templates are kept (`RenderOptions.cache`). */
  cache?: TextCache;
}

/** The run's report model in `lang` (default: the runbook's language, else `fallback`, else English). */
export async function loadReportModel(runDir: string, lang?: ReportLang, fallback: ReportLang = 'en'): Promise<{ model: ReportModel; lang: ReportLang }> {
  const run = await loadRun(runDir);
  const chosen = lang ?? normalizeLang(run.state.started?.runbook.lang) ?? fallback;
  return { model: buildReportModel(run, createTranslator(chosen), await checkSteps(run.state)), lang: chosen };
}

export function writePrivateFile(file: string, text: string): void {
  writeFileSync(file, text, { mode: 0o600 });
  chmodSync(file, 0o600); // the mode above applies only when the file is created
}

export async function writeReports(runDir: string, options: WriteReportsOptions = {}): Promise<{ md: string; html: string }> {
  const { model, lang } = await loadReportModel(runDir, options.lang, options.fallbackLang);
  const custom = options.template === undefined ? undefined : formatOfFile(options.template);
  const paths = { md: join(runDir, 'report.md'), html: join(runDir, 'report.html') };
  for (const format of ['md', 'html'] as const) {
    const template = custom === format ? options.template : undefined;
    const text = renderReport(model, format, { lang, ...(options.timeZone !== undefined && { timeZone: options.timeZone }), ...(template !== undefined && { template }), ...(options.cache !== undefined && { cache: options.cache }) });
    writePrivateFile(paths[format], text);
  }
  return paths;
}
