/** `runbook report [run-id]`: the incident report of a run (default: the latest), regenerated from its journal. */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LoadError, UsageError } from '../../errors.js';
import { normalizeLang } from '../../i18n/language.js';
import { closestName } from '../../parse/step-options.js';
import { buildReportModel } from '../../report/model.js';
import { formatOfFile, renderReport, type ReportFormat } from '../../report/render.js';
import { writeReports } from '../../report/write-reports.js';
import { readJournal } from '../../run/journal-read.js';
import { JOURNAL_FILE, listRunIds, runDir, stateDir } from '../../run/state-dir.js';
import type { CliContext } from '../context.js';
import { stringValue, type ParsedArgs } from '../parse-args.js';

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
  const explicit = stringValue(args, 'format') ?? (args.values.json === true ? 'json' : undefined);
  const { events } = readJournal(join(dir, JOURNAL_FILE));
  const model = buildReportModel(events, dir);
  const lang = ctx.langExplicit ? ctx.lang : (normalizeLang(model.runbook.lang) ?? ctx.lang);
  const templatePath = template ? resolve(ctx.cwd, template) : undefined;
  if (!out && !explicit) {
    const paths = await writeReports(dir, { lang, ...(templatePath && { template: templatePath }) });
    ctx.out(ctx.t('report.written', { md: paths.md, html: paths.html }));
    return 0;
  }
  const format = (explicit ?? (out && formatOfFile(out)) ?? (templatePath && formatOfFile(templatePath.replace(/\.eta$/, ''))) ?? 'md') as ReportFormat;
  const text = renderReport(model, format, { lang, ...(templatePath && { template: templatePath }) });
  if (out) {
    writeFileSync(resolve(ctx.cwd, out), text, { mode: 0o600 });
    ctx.out(ctx.t('report.writtenOne', { path: resolve(ctx.cwd, out) }));
  } else {
    ctx.stdout.write(text);
  }
  return 0;
}
