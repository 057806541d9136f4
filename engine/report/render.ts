/**
 * Renders a report with the Eta template engine — Markdown, one
 * self-contained HTML file — or as JSON (the report model itself).
 * Templates and their labels live in `templates/<lang>/`; `--template FILE`
 * replaces the shipped template of the same format.
 */
import { readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { Eta } from 'eta';
import { packageRoot } from '../version.js';
import type { ReportModel } from './model.js';
import { defaultTimeZone } from './time.js';
import { toView, type Labels } from './view.js';

export type ReportFormat = 'md' | 'html' | 'json';
export type ReportLang = 'es' | 'en';

export interface RenderOptions {
  lang: ReportLang;
  /** IANA time zone for the times shown (default: the process's). */
  timeZone?: string;
  /** A user template (`--template FILE`) instead of the shipped one. */
  template?: string;
}

export const TEMPLATES_DIR = join(packageRoot(), 'templates');

export function renderReport(model: ReportModel, format: ReportFormat, options: RenderOptions): string {
  if (format === 'json') return `${JSON.stringify(model, null, 2)}\n`;
  const dir = join(TEMPLATES_DIR, options.lang);
  const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as Labels;
  const css = format === 'html' ? readFileSync(join(TEMPLATES_DIR, 'report.css'), 'utf8') : '';
  const view = { ...toView(model, options.lang, options.timeZone ?? defaultTimeZone(), labels), css };
  const eta = new Eta({ views: dir, autoEscape: format === 'html', autoTrim: false, cache: false });
  if (options.template) return eta.renderString(readFileSync(options.template, 'utf8'), view);
  return eta.render(`./report.${format}.eta`, view);
}

/** The report format a file name implies: `x.md`, `x.html`, `x.json`, also with a trailing `.eta`. */
export function formatOfFile(file: string): ReportFormat | undefined {
  const name = basename(file).toLowerCase().replace(/\.eta$/, '');
  const ext = extname(name);
  return ext === '.md' || ext === '.markdown' ? 'md' : ext === '.html' || ext === '.htm' ? 'html' : ext === '.json' ? 'json' : undefined;
}
