/**
 * `runbook log`: the maintenance log (bitácora) of all runs, as the manuals
 * keep it — Fecha · Actividad · Responsable · Resultado · Observaciones — in
 * the operator's time zone; `--format json` gives the rows as data.
 */
import { findHead } from '../../catalog/summary.js';
import { UsageError } from '../../errors.js';
import { failureSentence } from '../../i18n/failure.js';
import { formatDuration } from '../../parse/duration.js';
import { maintenanceLog, type LogRow } from '../../report/maintenance-log.js';
import { cell, inline } from '../../report/markdown.js';
import { parseSince } from '../../report/since.js';
import { createClock, defaultTimeZone } from '../../report/time.js';
import { stateDir } from '../../journal/layout.js';
import type { CliContext } from '../context.js';
import { formatValue, stringValue, type ParsedArgs } from '../parse-args.js';
import { textTable } from '../present/table.js';
import { summaryFor } from '../runbook-source.js';

/** A CSV field: quoted when needed, and never read as a formula by a spreadsheet. */
function csvCell(text: string): string {
  const safe = /^[=+@\t\r]|^-[^\d\s]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A runbook reference as given (id or alias) → the runbook id the journals record. */
async function runbookId(ctx: CliContext, args: ParsedArgs, ref: string): Promise<string> {
  try {
    return findHead(ref, (await summaryFor(ctx, args)).heads)?.id ?? ref;
  } catch {
    return ref; // no catalog to resolve aliases from: match the id as written
  }
}

function observations(r: LogRow, t: CliContext['t']): string {
  const parts = r.confirmations.filter((c) => c.step !== null).map((c) => t(`log.${c.choice}-${c.confirmation}`, { step: c.step ?? '' }));
  parts.push(...r.notes.map((n) => n.text));
  if (r.failure) parts.push(t('log.failure', { step: r.failure.step, fact: failureSentence(t, r.failure, formatDuration) }) + (r.failure.reason ? `: ${r.failure.reason}` : ''));
  if (r.status !== 'succeeded' && r.reason) parts.push(r.reason);
  if (r.resumed) parts.push(t('log.resumed'));
  if (r.escalated) parts.push(t('log.escalated'));
  return parts.map((p) => p.replace(/\s*\n\s*/g, ' ')).join('; ');
}

export async function run(ctx: CliContext, args: ParsedArgs): Promise<number> {
  if (args.positionals.length > 0) throw new UsageError('error.extraArgs', { command: 'log', extra: args.positionals.join(' ') });
  const sinceText = stringValue(args, 'since');
  const since = sinceText === undefined ? undefined : parseSince(sinceText, Date.now());
  if (sinceText !== undefined && since === undefined) throw new UsageError('error.badSince', { value: sinceText, command: 'log' });
  const ref = stringValue(args, 'runbook');
  const runbook = ref === undefined ? undefined : await runbookId(ctx, args, ref);
  const leftOut: string[] = [];
  const rows = maintenanceLog(stateDir(ctx.env, stringValue(args, 'state-dir'), ctx.cwd), ctx.t, { ...(since !== undefined && { since }), ...(runbook !== undefined && { runbook }) }, (id) => leftOut.push(id));
  if (leftOut.length > 0) ctx.err(ctx.t('log.leftOut', { runs: leftOut.join(', ') }));
  const format = formatValue(args, 'table');
  if (format === 'json') {
    ctx.out(JSON.stringify(rows, null, 2));
    return 0;
  }
  const { t } = ctx;
  const clock = createClock(ctx.lang, defaultTimeZone());
  const header = [t('log.date'), t('log.activity'), t('log.env'), t('log.operator'), t('log.result'), t('log.observations')];
  const cells = (r: LogRow) => [
    clock.minutes(r.startedAt),
    `${r.runbook} — ${r.title}${r.mode === 'dry-run' ? ` (${t('log.dryRun')})` : ''}`,
    r.env ?? '—',
    r.operator,
    t(`log.status.${r.status}`),
    observations(r, t),
  ];
  if (format === 'csv') {
    ctx.out([header, ...rows.map(cells)].map((line) => line.map(csvCell).join(',')).join('\n'));
  } else if (format === 'md') {
    const line = (values: string[]) => `| ${values.map((v) => cell(inline(v))).join(' | ')} |`;
    ctx.out([line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => line(cells(r)))].join('\n'));
  } else if (rows.length === 0) {
    ctx.err(t('log.empty'));
  } else {
    ctx.out(textTable(header, rows.map(cells)));
  }
  return 0;
}
