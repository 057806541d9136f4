/** Renders a report with the Eta template engine: Markdown, self-contained HTML, or JSON. */
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Eta } from 'eta';
import { packageRoot } from '../version.js';
import type { ReportModel } from './model.js';
import { toView } from './view.js';

export type ReportFormat = 'md' | 'html' | 'json';

export interface RenderOptions {
  lang: 'es' | 'en';
  timeZone?: string;
  /** A user template (`--template FILE`) instead of the shipped one. */
  template?: string;
}

export const TEMPLATES_DIR = join(packageRoot(), 'templates');

export function renderReport(model: ReportModel, format: ReportFormat, options: RenderOptions): string {
  if (format === 'json') return `${JSON.stringify(model, null, 2)}\n`;
  const timeZone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const data = toView(model, options.lang, timeZone);
  const eta = new Eta({ views: join(TEMPLATES_DIR, options.lang), autoEscape: format === 'html', autoTrim: false, cache: true });
  if (options.template) return eta.renderString(readFileSync(options.template, 'utf8'), data);
  return eta.render(`./report.${format}.eta`, data);
}

export function formatOfFile(file: string): ReportFormat | undefined {
  const ext = extname(file).toLowerCase();
  return ext === '.md' || ext === '.markdown' ? 'md' : ext === '.html' || ext === '.htm' ? 'html' : ext === '.json' ? 'json' : undefined;
}
