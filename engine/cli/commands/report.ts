/**
 * `runbook report [run-id]`: the incident report of a run (default: the
 * latest), regenerated from its journal. Without --format/--out/--template
 * it rewrites report.md and report.html in the run directory and prints
 * their paths; with --format it prints that format to stdout, with --out it
 * writes one file and prints its path.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { FailedError, LoadError, UsageError, errorCode } from '../../errors.js';
import { cacheDir, textCache } from '../../catalog/cache.js';
import { closestName } from '../../parse/step-options.js';
import { formatOfFile, renderReport, type ReportFormat } from '../../report/render.js';
import { loadReportModel, writePrivateFile, writeReports } from '../../report/write-reports.js';
import { listRunIds, runDir, stateDir } from '../../journal/layout.js';
import type { CliContext } from '../context.js';
import { formatValue, stringValue, type ParsedArgs } from '../parse-args.js';

/** A run id as given (or a unique prefix of one); the latest run when none is given. */
export function pickRun(state: string, id: string | undefined): string {
  const ids = listRunIds(state);
  if (ids.length === 0) throw new LoadError('error.noRuns', { dir: state });
  if (id === undefined) return ids[ids.length - 1] as string;
  if (ids.includes(id)) return id;
  const prefixed = ids.filter((r) => r.startsWith(id));
  if (prefixed.length === 1) return prefixed[0] as string;
  const hint = closestName(id, ids);
  throw new LoadError(hint ? 'error.unknownRunHint' : 'error.unknownRun', { run: id, dir: state, hint: hint ?? '' });
}

export async function run(ctx: CliContext, args: ParsedArgs): Promise<number> {
  if (args.positionals.length > 1) throw new UsageError('error.extraArgs', { command: 'report', extra: args.positionals.slice(1).join(' ') });
  const state = stateDir(ctx.env, stringValue(args, 'state-dir'), ctx.cwd);
  const dir = runDir(state, pickRun(state, args.positionals[0]));
  const out = stringValue(args, 'out');
  const template = stringValue(args, 'template');
  const templatePath = template === undefined ? undefined : resolve(ctx.cwd, template);
  const templateFormat = templatePath === undefined ? undefined : formatOfFile(templatePath);
  if (templatePath !== undefined && templateFormat !== 'md' && templateFormat !== 'html') throw new UsageError('error.reportTemplateFormat', { file: template ?? '', command: 'report' });
  if (templatePath !== undefined && !existsSync(templatePath)) throw new LoadError('error.fileNotFound', { file: templatePath });
  const explicit = stringValue(args, 'format') !== undefined || args.values.json === true ? (formatValue(args, 'md') as ReportFormat) : undefined;
  const { model, lang } = await loadReportModel(dir, ctx.langExplicit ? ctx.lang : undefined, ctx.lang);
  const cache = textCache(cacheDir(ctx.env));
  if (out === undefined && explicit === undefined && templatePath === undefined) {
    const paths = await writeReports(dir, { lang, ...(cache !== undefined && { cache }) });
    ctx.out(ctx.t('report.written', { md: paths.md, html: paths.html }));
    return 0;
  }
  const format = explicit ?? (out !== undefined ? formatOfFile(out) : undefined) ?? templateFormat ?? 'md';
  if (templatePath !== undefined && format !== templateFormat && format !== 'json') throw new UsageError('error.reportTemplateMismatch', { file: template ?? '', format, command: 'report' });
  const custom = templatePath !== undefined && format !== 'json' ? templatePath : undefined;
  let text: string;
  try {
    text = renderReport(model, format, { lang, ...(custom !== undefined && { template: custom }), ...(cache !== undefined && { cache }) });
  } catch (error) {
    if (custom === undefined) throw error;
    throw new LoadError('error.reportTemplate', { file: custom, reason: error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error) }, { cause: error });
  }
  if (out === undefined) {
    ctx.stdout.write(text);
    return 0;
  }
  const file = resolve(ctx.cwd, out);
  try {
    writePrivateFile(file, text);
  } catch (error) {
    throw new FailedError('error.fileUnwritable', { file, reason: errorCode(error) }, { cause: error });
  }
  ctx.out(ctx.t('report.writtenOne', { path: file }));
  return 0;
}
