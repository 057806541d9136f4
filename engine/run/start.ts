/**
 * `play`: pre-flight (environment, params, run directory and journal,
 * requires, preconditions), the flow with its recovery paths, and the end
 * (journal closed, summary). Everything the operator could lose is on disk
 * before the first step runs.
 */
import { hostname } from 'node:os';
import { join } from 'node:path';
import { cacheDir } from '../catalog/cache.js';
import type { LoadedRunbook } from '../catalog/load-runbook.js';
import { renderMessage } from '../diagnostics.js';
import { LoadError, UsageError } from '../errors.js';
import { JOURNAL_SCHEMA, STEP_ID_RULE, reason, type RunMode, type StepRef } from '../journal/events.js';
import { JOURNAL_FILE, newRunId, runDir as runDirOf, runIdRandom } from '../journal/layout.js';
import { unfinishedRunOf } from '../journal/unfinished.js';
import { openJournal } from '../journal/write.js';
import { MASK, type CommandStep, type Runbook } from '../model.js';
import { engineVersion } from '../version.js';
import { checkConfirmedEnv, type RunContext } from './context.js';
import type { RunSummary } from './finish.js';
import { acquireLock, lockedRunner } from './lock.js';
import { createMasker } from './mask.js';
import type { RunOptions } from './options.js';
import { planSteps, type Selection } from './plan.js';
import { chooseEnvironment } from './preflight/environment.js';
import { paramsForPlan, refuseUnrunnable, runnableRunbook } from './preflight/inferred.js';
import { resolveParams } from './preflight/params.js';
import { gitInfo, operatorName } from './provenance.js';
import { ensureRunDir, runToEnd } from './run-to-end.js';
import { Variables } from './variables.js';

export interface PlayOptions extends RunOptions {
  loaded: LoadedRunbook;
  mode: RunMode;
  envName?: string;
  selection: Selection;
  /** `--fail-at STEP` (dry runs only): that step fails in the dry run, to rehearse the failure path. */
  failAt?: string;
}

export async function play(options: PlayOptions): Promise<RunSummary> {
  const { loaded, t, ui } = options;
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  const first = errors[0];
  if (first) throw new LoadError('error.runbookInvalid', { file: loaded.display, count: errors.length, first: `${first.file}:${first.line}:${first.column}  ${first.rule}  ${renderMessage(first, t)}` });
  const runnable = runnableRunbook(loaded.runbook, options.env);
  const graph = { ...loaded.graph, runbook: runnable };
  const fm = runnable.frontMatter;
  const dry = options.mode === 'dry-run';
  const excluded = new Set(runnable.steps.filter((s) => s.kind === 'command' && s.excluded === true).map((s) => s.id));
  const plan = planSteps(graph, options.selection).plan.filter((id) => options.selection.only?.includes(id) || !excluded.has(id));
  if (options.failAt !== undefined) checkFailAt(runnable, plan, options.failAt, dry);
  const prompter = options.attendance.kind === 'attended' ? options.attendance.prompter : undefined;
  const chosen = await chooseEnvironment(fm, { ...(options.envName !== undefined && { flag: options.envName }), yes: !prompter, dryRun: dry, ...(prompter && { prompter }), t, ...(options.namedOnlyEnvironments && { namedOnly: options.namedOnlyEnvironments }) });
  const environment = options.prepareEnvironment ? await options.prepareEnvironment(chosen, dry) : chosen;
  if (!dry) {
    // A resumable run whose engine is gone holds no lock: a new run is not refused, but the operator hears of it first.
    const other = unfinishedRunOf(options.stateDir, loaded.runbook.id, environment?.name);
    if (other !== undefined) {
      ui.warn(t('run.unfinishedExists', { runId: other }));
      if (prompter && (await prompter.confirm(t('prompt.resumeInstead'), true))) return (await import('./resume.js')).resume({ ...options, runId: other });
    }
  }
  const params = await resolveParams(paramsForPlan(runnable, loaded.runbook, graph.flow, plan), { ...(environment && { environment: environment.spec.vars }), pairs: options.paramPairs, ...(options.paramsFile !== undefined && { file: options.paramsFile }), env: options.env, cwd: options.cwd, ...(prompter && { prompter }), yes: !prompter, dryRun: dry, lazy: !!prompter && !dry, t });
  checkConfirmedEnv(options.attendance, environment, dry);
  for (const name of params.exposed) ui.warn(t('run.secretOnCommandLine', { name }));
  const planned = new Set(plan);
  await refuseUnrunnable(runnable.steps.filter((s): s is CommandStep => s.kind === 'command' && planned.has(s.id)), { unattended: !prompter, dryRun: dry, cacheDir: cacheDir(options.env), env: options.env });
  const secret = (name: string) => fm.params[name]?.secret === true;
  const masker = createMasker([...params.values].filter(([n]) => secret(n)).map(([, v]) => v), fm.mask);
  const variables = new Variables(options.env, masker);
  for (const [name, value] of Object.entries(environment?.spec.vars ?? {})) variables.set(name, value, { source: 'environment' });
  for (const [name, value] of params.values) variables.set(name, value, { source: 'param', secret: secret(name) });

  const now = options.now ?? Date.now;
  const runId = newRunId(loaded.runbook.id, new Date(now()), runIdRandom());
  const runDir = runDirOf(options.stateDir, runId);
  const lock = dry ? undefined : acquireLock({ env: options.env, runbookId: loaded.runbook.id, envName: environment?.name, runId, since: new Date(now()).toISOString(), force: options.force === true });
  let journal;
  try {
    ensureRunDir(runDir, { fresh: true });
    journal = openJournal(join(runDir, JOURNAL_FILE));
  } catch (error) {
    lock?.release();
    throw error;
  }
  options.onRunDir?.(runDir);
  const ctx: RunContext = {
    runId, runDir, graph, steps: new Map(graph.runbook.steps.map((s) => [s.id, s])), mode: options.mode, attendance: options.attendance,
    environment, variables, masker, journal, runner: lockedRunner(options.runner, lock), ui, t, clock: { now, startedAt: now() }, stop: options.stop, cwd: options.cwd,
    ...(options.failAt !== undefined && { failAt: options.failAt }),
  };
  const git = gitInfo(loaded.runbook.path, options.env);
  journal.append({
    type: 'run-started', schema: JOURNAL_SCHEMA, idRule: STEP_ID_RULE, runId,
    runbook: { id: loaded.runbook.id, title: loaded.runbook.title, path: loaded.runbook.path, sha256: loaded.runbook.sha256, ...(fm.severity && { severity: fm.severity }), ...(fm.lang && { lang: fm.lang }), ...(fm.owner !== undefined && { owner: fm.owner }) },
    source: masker.mask(loaded.source), steps: stepRefs(loaded.runbook, masker.mask), ...(fm.escalation && { escalation: fm.escalation }), ...(git && { git }),
    operator: operatorName(options.env), host: hostname(),
    ...(environment && { env: environment.name }), protectedEnv: environment?.spec.protected ?? false,
    mode: options.mode,
    params: Object.fromEntries([...params.values].map(([k, v]) => [k, secret(k) ? MASK : masker.mask(v)])),
    secretParams: Object.keys(fm.params).filter(secret), engineVersion: engineVersion(), interactive: !!prompter, plan,
  });
  if (options.attendance.kind === 'unattended' && environment?.spec.protected && !dry) {
    journal.append({ type: 'decision', choice: 'confirmed', automatic: true, reason: reason('reason.confirmEnv', { env: environment.name }), text: environment.name, confirmation: 'typed' });
  }
  banner(ctx, loaded.display);
  return runToEnd(ctx, lock, { plan, preflight: true, progress: options.progress });
}

/** Each step as the report will name it: section, command (masked) or task text, and its marks. */
function stepRefs(runbook: Runbook, mask: (text: string) => string): StepRef[] {
  return runbook.steps.map((s) => ({
    id: s.id,
    kind: s.kind,
    section: runbook.sections[s.section]?.title ?? runbook.title,
    text: s.kind === 'manual' ? s.text : mask(s.command),
    destructive: s.kind === 'command' && s.destructive,
    rollback: s.rollback,
  }));
}

/** `--fail-at` rehearses in a dry run only, and names a command step this run plays. */
function checkFailAt(runbook: Runbook, plan: readonly string[], id: string, dry: boolean): void {
  const commands = plan.filter((s) => runbook.steps.some((step) => step.id === s && step.kind === 'command'));
  if (!dry) throw new UsageError('error.failAtNeedsDryRun', { step: id, steps: commands.join(', ') });
  if (!commands.includes(id)) throw new UsageError('error.unknownStep', { flag: '--fail-at', step: id, steps: commands.join(', ') });
}

function banner(ctx: RunContext, display: string): void {
  const { ui, t } = ctx;
  const rb = ctx.graph.runbook;
  ui.line(`${rb.id} — ${rb.title}`);
  ui.line(t('run.banner', { file: display, runId: ctx.runId }));
  if (ctx.mode === 'dry-run') ui.warn(t('run.dryRunBanner'));
  if (ctx.failAt !== undefined) ui.warn(t('run.rehearsalBanner', { step: ctx.failAt }));
  if (ctx.environment) {
    if (ctx.environment.spec.protected) ui.warn(t('run.protectedEnv', { env: ctx.environment.name }));
    else ui.line(t('run.environment', { env: ctx.environment.name }));
  }
}
