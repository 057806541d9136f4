/** `runbook runs [--json]` lists runs; `runbook runs prune --older-than 90d` removes old run directories. */
import { rmSync } from 'node:fs';
import { UsageError } from '../../errors.js';
import { formatDuration, parseDuration } from '../../parse/duration.js';
import { listRuns, type RunRow } from '../../report/run-list.js';
import { createClock, defaultTimeZone } from '../../report/time.js';
import { runDir, stateDir } from '../../journal/layout.js';
import type { CliContext } from '../context.js';
import { formatValue, stringValue, type ParsedArgs } from '../parse-args.js';
import { textTable } from '../present/table.js';

const FINISHED: ReadonlySet<RunRow['status']> = new Set(['succeeded', 'failed', 'aborted', 'rolled-back']);

function result(ctx: CliContext, r: RunRow): string {
  if (r.damage) return ctx.t('runs.damaged', { reason: r.damage.reason });
  if (r.status === 'empty') return ctx.t('runs.emptyJournal');
  const status = r.status === 'damaged' ? r.status : ctx.t(`log.status.${r.status}`);
  return r.reportsMissing ? `${status} *` : status;
}

export async function run(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const state = stateDir(ctx.env, stringValue(args, 'state-dir'), ctx.cwd);
  const [sub, ...extra] = args.positionals;
  if (extra.length > 0 || (sub !== undefined && sub !== 'prune')) throw new UsageError('error.extraArgs', { command: 'runs', extra: args.positionals.join(' ') });
  const rows = listRuns(state, ctx.t);
  if (sub === 'prune') {
    const age = stringValue(args, 'older-than');
    if (age === undefined) throw new UsageError('error.pruneNeedsAge', { command: 'runs' });
    const ms = parseDuration(age);
    if (ms === undefined) throw new UsageError('error.badDuration', { value: age, flag: '--older-than', command: 'runs' });
    const cutoff = Date.now() - ms;
    const old = rows.filter((r) => Date.parse(r.startedAt) < cutoff && FINISHED.has(r.status)); // never an unfinished, damaged or empty run
    for (const r of old) rmSync(runDir(state, r.runId), { recursive: true, force: true });
    if (formatValue(args, 'table') === 'json') ctx.out(JSON.stringify({ olderThan: age, pruned: old.map((r) => r.runId) }, null, 2));
    else ctx.out(ctx.t('runs.pruned', { count: old.length, age }));
    return 0;
  }
  if (formatValue(args, 'table') === 'json') {
    ctx.out(JSON.stringify(rows, null, 2));
    return 0;
  }
  if (rows.length === 0) {
    ctx.err(ctx.t('runs.empty', { dir: state }));
    return 0;
  }
  const clock = createClock(ctx.lang, defaultTimeZone());
  const { t } = ctx;
  ctx.out(
    textTable(
      [t('col.run'), t('col.runbook'), t('col.operator'), t('col.env'), t('col.mode'), t('col.started'), t('col.duration'), t('col.result')],
      rows.map((r) => [r.runId, r.runbook, r.operator, r.env ?? '', t(`runs.mode.${r.mode}`), clock.minutes(r.startedAt), r.durationMs === null ? '' : formatDuration(r.durationMs), result(ctx, r)]),
    ),
  );
  for (const r of rows) if (r.reportsMissing) ctx.err(t('runs.reportsMissing', { runId: r.runId }));
  return 0;
}
