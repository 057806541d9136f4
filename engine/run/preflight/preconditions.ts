/**
 * Preconditions run as checks before anything changes, one line each as it
 * ends (a failure once, with what it printed). `error` failures stop the
 * run; `warn` failures ask whether to continue (`--yes`: continue, noted).
 */
import type { Precondition } from '../../model.js';
import { FailedError } from '../../errors.js';
import { reason } from '../../journal/events.js';
import type { RunContext } from '../context.js';

interface CheckResult {
  precondition: Precondition;
  ok: boolean;
  exitCode: number | null;
  durationMs: number;
  output: string;
}

export type ProgressRenderer = 'default' | 'simple' | 'silent';

export async function runPreconditions(ctx: RunContext, renderer: ProgressRenderer): Promise<void> {
  const list = ctx.graph.runbook.frontMatter.preconditions;
  if (list.length === 0) return;
  const { t, ui } = ctx;
  if (ctx.mode === 'dry-run') {
    ui.line(ctx.t('run.preconditionsDry'));
    for (const p of list) {
      ui.line(`  • [${p.severity}] ${p.name}`);
      ui.command(ctx.masker.mask(p.run), []);
      ctx.journal.append({ type: 'preflight', check: 'precondition', name: p.name, status: 'skipped', severity: p.severity });
    }
    return;
  }
  const env = ctx.variables.env();
  const results: CheckResult[] = [];
  // One line per check, when it ends (the live line shows one that takes long): the run's one way of showing progress.
  const quiet = renderer === 'silent';
  ui.line(t('run.preconditions'));
  for (const p of list) {
    ui.running();
    const r = await ctx.runner.run({ command: p.run, shell: ['bash', '-e', '-o', 'pipefail'], cwd: ctx.cwd, env, interactive: false, keepStdout: 4096, timeoutMs: 60_000, signal: ctx.stop.signal }).finally(() => ui.idle());
    const result = { precondition: p, ok: r.status === 'succeeded', exitCode: r.exitCode, durationMs: r.durationMs, output: ctx.masker.mask(`${r.stdout}${r.stderr}`.trim()) };
    results.push(result);
    if (!quiet && result.ok) ui.result('ok', p.name);
    if (ctx.stop.signal.aborted) break;
  }
  for (const r of results) {
    const status = r.ok ? 'passed' : r.precondition.severity === 'warn' ? 'warned' : 'failed';
    ctx.journal.append({ type: 'preflight', check: 'precondition', name: r.precondition.name, status, severity: r.precondition.severity, exitCode: r.exitCode, durationMs: r.durationMs, ...(r.output && { detail: r.output.slice(-2000) }) });
  }
  const failed = results.filter((r) => !r.ok && r.precondition.severity === 'error');
  if (failed.length > 0) {
    for (const r of failed) ui.result('fail', `${r.precondition.name}${r.output ? `: ${r.output.split('\n').slice(-3).join(' / ')}` : ''}`);
    throw new FailedError('run.preconditionsFailed', { names: failed.map((r) => r.precondition.name).join(', ') });
  }
  for (const r of results.filter((x) => !x.ok)) {
    ui.warn(`${t('run.preconditionWarn', { name: r.precondition.name })}${r.output ? `: ${r.output.split('\n').slice(-3).join(' / ')}` : ''}`);
    const go = ctx.attendance.kind === 'unattended' ? true : await ctx.attendance.prompter.confirm(t('prompt.continueAnyway'), false);
    ctx.journal.append({ type: 'decision', choice: go ? 'continue' : 'abort', automatic: ctx.attendance.kind === 'unattended', reason: reason('reason.preconditionWarned'), text: r.precondition.name });
    if (!go) throw new FailedError('run.preconditionsFailed', { names: r.precondition.name });
  }
}
