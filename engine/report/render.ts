/**
 * Renders a report with the Eta template engine — Markdown, one
 * self-contained HTML file — or as JSON (the report model itself).
 * Templates and their labels live in `templates/<lang>/`; `--template FILE`
 * replaces the shipped template of the same format.
 *
 * A template's compiled form (Eta's `compileToString`, ≈3 ms a template, two
 * per run) is kept in the cache by the hash of the template's text, Eta's
 * options and the engine's version (which pins Eta's, as it pins the
 * parser's for the parse cache): an edited template, shipped or the user's,
 * is compiled again.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { Eta, EtaParseError } from 'eta';
import { engineBuild, packageRoot } from '../version.js';
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
  /** Where compiled templates are kept between runs (the CLI passes the engine's cache); none: compiled every time. */
  cache?: TextCache;
}

/** Text kept by key; reading and writing may fail silently (a cache only saves time). */
export interface TextCache {
  read(key: string): string | undefined;
  write(key: string, text: string): void;
}

export const TEMPLATES_DIR = join(packageRoot(), 'templates');

export function renderReport(model: ReportModel, format: ReportFormat, options: RenderOptions): string {
  if (format === 'json') return `${JSON.stringify(model, null, 2)}\n`;
  const dir = join(TEMPLATES_DIR, options.lang);
  const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as Labels;
  const css = format === 'html' ? readFileSync(join(TEMPLATES_DIR, 'report.css'), 'utf8') : '';
  const view = { ...toView(model, options.lang, options.timeZone ?? defaultTimeZone(), labels), css };
  const eta = new Eta({ views: dir, autoEscape: format === 'html', autoTrim: false, cache: false });
  const file = options.template ?? join(dir, `report.${format}.eta`);
  // A user's template renders as `renderString` would (includes from the shipped folder); the shipped one as `render` would.
  return eta.render(compiled(eta, readFileSync(file, 'utf8'), format, options.cache), view, options.template === undefined ? { filepath: file } : undefined);
}

/** The template's function, from the cache when its text, its format and the engine's version are the same. */
function compiled(eta: Eta, source: string, format: 'md' | 'html', cache: TextCache | undefined) {
  const key = createHash('sha256').update(`eta-template\0${engineBuild()}\0${format}\0`).update(source).digest('hex');
  const cached = cache?.read(key);
  const body = cached ?? eta.compileToString(source);
  if (cached === undefined) cache?.write(key, body);
  // What `eta.compile` makes of the same text: the data as `it` (Eta's `varName`), then the options.
  const fn = templateFunction(eta.config.varName, body);
  const template: Exclude<Parameters<Eta['render']>[0], string> = function (data, options) {
    return String(fn.call(this, data, options));
  };
  return template;
}

function templateFunction(varName: string, body: string) {
  try {
    return new Function(varName, 'options', body);
  } catch (error) {
    // As `eta.compile` reports it.
    if (error instanceof SyntaxError) throw new EtaParseError(`Bad template syntax\n\n${error.message}`);
    throw error;
  }
}

/** The report format a file name implies: `x.md`, `x.html`, `x.json`, also with a trailing `.eta`. */
export function formatOfFile(file: string): ReportFormat | undefined {
  const name = basename(file).toLowerCase().replace(/\.eta$/, '');
  const ext = extname(name);
  return ext === '.md' || ext === '.markdown' ? 'md' : ext === '.html' || ext === '.htm' ? 'html' : ext === '.json' ? 'json' : undefined;
}
