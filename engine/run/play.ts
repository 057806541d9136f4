/**
 * `play`: pre-flight (environment, params, run directory and journal,
 * requires, preconditions), the flow with its recovery paths, and the end
 * (journal closed, summary). Everything the operator could lose is on disk
 * before the first step runs.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { operatorName } from './operator.js';
import { join } from 'node:path';
import type { LoadedRunbook } from '../catalog/load-runbook.js';
import { AbortedError, FailedError, LoadError, RunbookError } from '../errors.js';
import { renderMessage } from '../diagnostics.js';
import { buildGraph } from '../graph/build.js';
import type { Translate } from '../i18n/translate.js';
import { engineVersion } from '../version.js';
import type { RunMode, RunStatus } from './events.js';
import type { ProcessRunner } from './exec.js';
import { playFlow } from './flow.js';
import { gitInfo } from './git-info.js';
import { openJournal } from './journal-write.js';
import { acquireLock } from './lock.js';
import { createMasker, MASK } from './mask.js';
import { planSteps, type Selection } from './plan.js';
import { chooseEnvironment } from './preflight/environment.js';
import { labEnvironment } from '../lab/run-env.js';
import { runPreconditions, type ProgressRenderer } from './preflight/preconditions.js';
import { resolveParams } from './preflight/params.js';
import { checkRequirements } from './preflight/check-requirements.js';
import type { Prompter } from './prompter.js';
import type { RunSession } from './session.js';
import { newRunId, runDir as runDirOf, STEPS_DIR, JOURNAL_FILE } from './state-dir.js';
import { finishRun, type RunSummary } from './finish.js';
import type { Ui } from './ui.js';

export interface PlayOptions {
  loaded: LoadedRunbook;
  mode: RunMode;
  yes: boolean;
  allowDestructive: boolean;
  envName?: string;
  paramPairs: string[];
  paramsFile?: string;
  selection: Selection;
  stateDir: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  runner: ProcessRunner;
  prompter?: Prompter;
  ui: Ui;
  t: Translate;
  progress: ProgressRenderer;
  /** Take the lock even if another run of this runbook and environment holds it. */
  force?: boolean;
  now?: () => number;
  /** Called with the session once it exists, so the caller can wire signals to it. */
  onSession?(session: RunSession): void;
}

export function ensureRunDir(dir: string): void {
  try {
    mkdirSync(join(dir, STEPS_DIR), { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new FailedError('error.stateDirUnwritable', { dir, reason: (error as NodeJS.ErrnoException).code ?? String(error) }, { cause: error });
  }
}

export async function play(options: PlayOptions): Promise<RunSummary> {
  const { loaded, t, ui } = options;
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const first = errors[0] as (typeof errors)[number];
    throw new LoadError('error.runbookInvalid', { file: loaded.display, count: errors.length, first: `${first.file}:${first.line}:${first.column}  ${first.rule}  ${renderMessage(first, t)}` });
  }
  const { graph } = buildGraph(loaded.runbook, loaded.display);
  const fm = loaded.runbook.frontMatter;
  const dry = options.mode === 'dry-run';
  const { plan } = planSteps(graph, options.selection);
  const prompter = options.yes ? undefined : options.prompter;
  const environment = labEnvironment(await chooseEnvironment(fm, { ...(options.envName !== undefined && { flag: options.envName }), yes: options.yes, dryRun: dry, ...(prompter && { prompter }), t }), options.env, options.cwd);
  const params = await resolveParams(fm.params, { envVars: environment?.spec.vars ?? {}, pairs: options.paramPairs, ...(options.paramsFile !== undefined && { file: options.paramsFile }), env: options.env, cwd: options.cwd, ...(prompter && { prompter }), yes: options.yes, dryRun: dry, t });
  for (const name of params.exposed) ui.warn(t('run.secretOnCommandLine', { name }));
  const secretNames = new Set(Object.entries(fm.params).filter(([, p]) => p.secret).map(([n]) => n));
  const masker = createMasker(Object.entries(params.values).filter(([n]) => secretNames.has(n)).map(([, v]) => v), fm.mask);

  const now = options.now ?? Date.now;
  const runId = newRunId(loaded.runbook.id, new Date(now()), randomBytes(2).toString('hex'));
  const runDir = runDirOf(options.stateDir, runId);
  const holder = { user: operatorName(options.env), host: hostname(), pid: process.pid, since: new Date(now()).toISOString(), runId, runDir };
  const lock = dry ? undefined : acquireLock({ env: options.env, runbookId: loaded.runbook.id, envName: environment?.name, holder, force: options.force === true });
  let journal;
  try {
    ensureRunDir(runDir);
    journal = openJournal(join(runDir, JOURNAL_FILE));
  } catch (error) {
    lock?.release();
    throw error;
  }
  const session: RunSession = {
    runId, runDir, graph, mode: options.mode, yes: options.yes, allowDestructive: options.allowDestructive,
    ...(environment && { environment }),
    params: params.values, secretNames, captures: {}, baseEnv: { ...options.env }, cwd: options.cwd, masker, journal,
    runner: options.runner, ...(prompter && { prompter }), ui, t, startedAt: now(), now,
    destructiveRan: false, escalated: false, statuses: new Map(), logCounter: 0, ...(lock && { lock }),
  };
  options.onSession?.(session);
  const git = gitInfo(loaded.runbook.path);
  journal.append({
    type: 'run-started', runId,
    runbook: { id: loaded.runbook.id, title: loaded.runbook.title, path: loaded.runbook.path, sha256: loaded.runbook.sha256, ...(fm.severity && { severity: fm.severity }), ...(fm.lang && { lang: fm.lang }) },
    source: masker.mask(loaded.source), ...(git && { git }),
    operator: operatorName(options.env), host: hostname(),
    ...(environment && { env: environment.name }), protectedEnv: environment?.spec.protected ?? false,
    mode: options.mode,
    params: Object.fromEntries(Object.entries(params.values).map(([k, v]) => [k, secretNames.has(k) ? MASK : masker.mask(v)])),
    secretParams: [...secretNames], engineVersion: engineVersion(), interactive: !options.yes, plan,
  });
  banner(session, loaded.display);
  let result: { status: RunStatus; reason?: string };
  try {
    checkRequirements(session);
    await runPreconditions(session, options.progress);
    result = await playFlow(session, plan);
  } catch (error) {
    const aborted = error instanceof AbortedError;
    const reason = error instanceof RunbookError ? t(error.key, error.vars) : error instanceof Error ? error.message : String(error);
    finishRun(session, { status: aborted ? 'aborted' : 'failed', reason });
    throw error;
  }
  return finishRun(session, result);
}

function banner(session: RunSession, display: string): void {
  const { ui, t } = session;
  const rb = session.graph.runbook;
  ui.line(ui === undefined ? '' : `${rb.id} — ${rb.title}`);
  ui.line(t('run.banner', { file: display, runId: session.runId }));
  if (session.mode === 'dry-run') ui.warn(t('run.dryRunBanner'));
  if (session.environment) {
    if (session.environment.spec.protected) ui.warn(t('run.protectedEnv', { env: session.environment.name }));
    else ui.line(t('run.environment', { env: session.environment.name }));
  }
}

