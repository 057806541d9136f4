/** `runbook log`: the maintenance log (bitácora) of all runs — Fecha · Actividad · Responsable · Resultado · Observaciones. */
import { UsageError } from '../../errors.js';
import { parseDuration } from '../../parse/duration.js';
import { maintenanceLog, type LogRow } from '../../run/maintenance-log.js';
import { stateDir } from '../../run/state-dir.js';
import { findInCatalog } from '../../catalog/resolve.js';
import type { CliContext } from '../context.js';
import { formatValue, stringValue, type ParsedArgs } from '../parse-args.js';
import { markdownTable, textTable } from '../present/table.js';
import { catalogFor } from '../runbook-source.js';

/** `--since` takes a date (`2026-11-01`, any ISO date-time) or an age (`7d`, `12h`). */
export function parseSince(value: string, now: number): number | undefined {
  const age = /^\d/.test(value) && !value.includes('-') ? parseDuration(value) : undefined;
  if (age !== undefined) return now - age;
  const date = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00` : value);
  return Number.isNaN(date) ? undefined : date;
}

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export async function run(ctx: CliContext, args: ParsedArgs): Promise<number> {
  if (args.positionals.length > 0) throw new UsageError('error.extraArgs', { command: 'log', extra: args.positionals.join(' ') });
  const sinceText = stringValue(args, 'since');
  const since = sinceText === undefined ? undefined : parseSince(sinceText, Date.now());
  if (sinceText !== undefined && since === undefined) throw new UsageError('error.badSince', { value: sinceText, command: 'log' });
  let runbook = stringValue(args, 'runbook');
  if (runbook !== undefined) {
    const found = findInCatalog(runbook, await catalogFor(ctx, args));
    if (found) runbook = found.runbook.id;
  }
  const rows = maintenanceLog(stateDir(ctx.env, stringValue(args, 'state-dir'), ctx.cwd), { ...(since !== undefined && { since }), ...(runbook !== undefined && { runbook }) });
  const format = formatValue(args, 'table');
  if (format === 'json') {
    ctx.out(JSON.stringify(rows, null, 2));
    return 0;
  }
  const { t } = ctx;
  const date = new Intl.DateTimeFormat(ctx.lang, { dateStyle: 'short', timeStyle: 'short' });
  const header = [t('log.date'), t('log.activity'), t('log.operator'), t('log.result'), t('log.observations')];
  const cells = (r: LogRow) => [
    date.format(new Date(r.date)),
    `${r.runbook} — ${r.title}${r.mode === 'dry-run' ? ` (${t('log.dryRun')})` : ''}`,
    r.operator,
    t(`log.status.${r.result}` as 'log.status.succeeded'),
    [...r.notes, ...(r.failure ? [r.failure] : [])].join('; '),
  ];
  if (format === 'csv') ctx.out([header, ...rows.map(cells)].map((line) => line.map(csvCell).join(',')).join('\n'));
  else if (format === 'md') ctx.out(markdownTable(header, rows.map(cells)));
  else if (rows.length === 0) ctx.err(t('log.empty'));
  else ctx.out(textTable(header, rows.map(cells)));
  return 0;
}
