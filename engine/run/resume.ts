/**
 * `resume`: picks up a run whose engine stopped (crash, kill -9, closed
 * terminal) from its journal. Finished steps are never re-run; the step that
 * was running is waited for (never two copies at once) and then re-run,
 * marked done or skipped; secrets are asked again — params by name, secret
 * captures by name with the step that captured them (or, under `--yes`,
 * taken from `RUNBOOK_CAPTURE_<NAME>` / `-p NAME=…`; without a value the run
 * stops before the first step that needs it).
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { analyzeSource, type LoadedRunbook } from '../catalog/load-runbook.js';
import { readSource } from '../catalog/read-source.js';
import { FailedError, LoadError, UsageError } from '../errors.js';
import { renderMessage } from '../diagnostics.js';
import { reason } from '../journal/events.js';
import { interruptedAttempt, type RunState } from '../journal/fold.js';
import { JOURNAL_FILE, runDir as runDirOf } from '../journal/layout.js';
import { loadRun } from '../journal/load.js';
import { openJournal } from '../journal/write.js';
import { checkConfirmedEnv, type RunContext } from './context.js';
import type { RunSummary } from './finish.js';
import { acquireLock, lockedRunner } from './lock.js';
import { createMasker } from './mask.js';
import type { RunOptions } from './options.js';
import { chooseEnvironment } from './preflight/environment.js';
import { runnableRunbook } from './preflight/inferred.js';
import { resolveParams } from './preflight/params.js';
import { operatorName } from './provenance.js';
import { withJournalIds } from './legacy-ids.js';
import { findResumable, repairJournal } from './resume-journal.js';
import { secretCaptures, settleInterrupted } from './resume-settle.js';
import { ENDED } from './loop/flow.js';
import { runToEnd } from './run-to-end.js';
import { Variables } from './variables.js';


export interface ResumeOptions extends RunOptions {
  runId?: string;
}

/**
 * The runbook as it is on disk now, with the diff when it changed. Resume
 * never plays the copy kept in the journal (its secrets are masked: a
 * command would run altered), and applies the same lint gate as `play`.
 */
async function currentRunbook(state: Required<Pick<RunState, 'started'>>['started'], t: RunOptions['t']): Promise<{ loaded: LoadedRunbook; diff?: string }> {
  const path = state.runbook.path;
  let source: string;
  try {
    source = readSource(path);
  } catch (error) {
    throw new FailedError('error.resumeRunbookGone', { path }, { cause: error });
  }
  const loaded = await analyzeSource(source, path, { display: path });
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  const first = errors[0];
  if (first) throw new LoadError('error.resumeRunbookInvalid', { file: loaded.display, count: errors.length, first: `${first.file}:${first.line}:${first.column}  ${first.rule}  ${renderMessage(first, t)}` });
  if (loaded.runbook.sha256 === state.runbook.sha256) return { loaded };
  // The diff library is loaded only when the runbook changed (resume's rare path, not every play's start-up).
  const { createTwoFilesPatch } = await import('diff');
  return { loaded, diff: createTwoFilesPatch('runbook (when the run started)', 'runbook (now)', state.source, source, '', '', { context: 2 }) };
}

export async function resume(options: ResumeOptions): Promise<RunSummary> {
  const { t, ui } = options;
  const runId = findResumable(options.stateDir, options.runId);
  const dir = runDirOf(options.stateDir, runId);
  const file = join(dir, JOURNAL_FILE);
  const torn = repairJournal(file);
  const { state } = await loadRun(dir);
  const started = state.started;
  if (!started) throw new LoadError('error.journalCorrupt', { file, line: 1 });
  if (state.finished) throw new UsageError('error.runFinished', { run: runId, status: state.finished.status });
  if (torn) ui.warn(t('run.tornLine', { file: `${file}.torn` }));
  const current = await currentRunbook(started, t);
  const { diff } = current;
  const loaded = withJournalIds(current.loaded, started);
  // The runbook as the shell gets it, as `play` runs it: placeholders rewritten, inferred params merged.
  const graph = { ...loaded.graph, runbook: runnableRunbook(loaded.runbook, options.env) };
  const done = new Set([...state.flowStatus].filter(([, s]) => ENDED.has(s)).map(([id]) => id));
  let plan = started.plan.filter((id) => !done.has(id));
  const prompter = options.attendance.kind === 'attended' ? options.attendance.prompter : undefined;
  showWhileAway(state, dir, options);
  let added: string[] = [];
  if (diff) {
    ui.warn(t('run.runbookChanged'));
    ui.diff(diff);
    const inFlow = new Set(graph.flow);
    const gone = plan.filter((id) => !inFlow.has(id));
    if (!prompter && gone.length > 0) throw new FailedError('error.resumeChanged', { steps: gone.join(', ') });
    if (prompter && !(await prompter.confirm(t('prompt.resumeChanged'), false))) throw new FailedError('error.resumeChanged', { steps: gone.join(', ') || '—' });
    // Steps added since the run began are offered (attended) or said and journaled as not run (--yes), never silently "not selected".
    const known = new Set(started.steps.map((s) => s.id));
    added = started.steps.length > 0 ? graph.flow.filter((id) => !known.has(id)) : [];
    if (added.length > 0) {
      ui.warn(t('run.stepsAdded', { steps: added.join(', ') }));
      if (prompter && (await prompter.confirm(t('prompt.stepsAdded'), true))) {
        const wanted = new Set([...plan, ...added]);
        plan = graph.flow.filter((id) => wanted.has(id));
        added = [];
      }
    }
  }
  const fm = graph.runbook.frontMatter;
  const dry = started.mode === 'dry-run';
  const chosen = started.env !== undefined ? await chooseEnvironment(fm, { flag: started.env, yes: true, dryRun: dry, t }) : undefined;
  const environment = options.prepareEnvironment ? await options.prepareEnvironment(chosen, dry) : chosen;
  checkConfirmedEnv(options.attendance, environment, dry);
  const known = new Map([...Object.entries(started.params), ...state.params].filter(([k]) => !started.secretParams.includes(k)));
  const params = await resolveParams(fm.params, { ...(environment && { environment: environment.spec.vars }), pairs: paramPairsFor(state, options.paramPairs), ...(options.paramsFile !== undefined && { file: options.paramsFile }), env: options.env, cwd: options.cwd, ...(prompter && { prompter }), yes: !prompter, dryRun: dry, t, known, lazy: !!prompter && !dry });
  const masker = createMasker(started.secretParams.map((n) => params.values.get(n) ?? ''), fm.mask);
  const variables = new Variables(options.env, masker);
  for (const [name, value] of Object.entries(environment?.spec.vars ?? {})) variables.set(name, value, { source: 'environment' });
  for (const [name, value] of params.values) variables.set(name, value, { source: 'param', secret: started.secretParams.includes(name) });
  for (const v of state.variables.values()) if (!v.secret && v.value !== undefined) variables.set(v.name, v.value, { source: v.carried ? 'session' : 'capture', step: v.step });
  await secretCaptures(state, variables, { env: options.env, pairs: options.paramPairs, ...(prompter && { prompter }), t });

  const now = options.now ?? Date.now;
  const lock = dry ? undefined : acquireLock({ env: options.env, runbookId: started.runbook.id, envName: started.env, runId, since: new Date(now()).toISOString(), force: options.force === true, sameRun: runId });
  const journal = openJournal(file, { state });
  options.onRunDir?.(dir);
  const ctx: RunContext = {
    runId, runDir: dir, graph, steps: new Map(graph.runbook.steps.map((s) => [s.id, s])), mode: started.mode, attendance: options.attendance,
    environment, variables, masker, journal, runner: lockedRunner(options.runner, lock), ui, t, clock: { now, startedAt: Date.parse(started.at) }, stop: options.stop, cwd: options.cwd,
  };
  const interrupted = interruptedAttempt(state);
  journal.append({ type: 'resumed', operator: operatorName(options.env), host: hostname(), ...(interrupted && { interrupted: interrupted.id }), runbookChanged: diff !== undefined, afterCrash: state.stopped === undefined, tornLine: torn });
  for (const id of added) journal.append({ type: 'step-finished', step: id, phase: 'flow', attempt: 0, status: 'skipped', durationMs: 0, outputBytes: 0, reason: reason('reason.addedSinceStart') });
  ui.line(t('run.resuming', { runId, done: done.size, total: graph.flow.length }));
  const unfinished = interrupted ?? lastFailed(state, done);
  const flowIds = new Set(graph.flow);
  return runToEnd(ctx, lock, {
    plan: plan.filter((id) => flowIds.has(id)),
    preflight: false,
    progress: options.progress,
    ...(unfinished && { before: () => settleInterrupted(ctx, unfinished.id, unfinished) }),
  });
}

/** A stopped run: when and why, and what finished while nobody was watching (its status and the end of its log). */
function showWhileAway(state: RunState, dir: string, options: ResumeOptions): void {
  const stopped = state.stopped;
  if (!stopped) return;
  const { ui, t } = options;
  ui.warn(t('run.stoppedWhileAway', { signal: stopped.signal, at: stopped.at.replace('T', ' ').slice(0, 19) }));
  const record = stopped.after !== undefined ? [...state.records].reverse().find((r) => r.id === stopped.after) : undefined;
  if (!record) return;
  const exit = record.exitCode !== undefined && record.exitCode !== null ? ` (exit ${record.exitCode})` : '';
  ui.line(t('run.finishedWhileAway', { step: record.id, status: record.status, exit, log: record.log !== undefined ? join(dir, record.log) : '—' }));
  if (record.log === undefined) return;
  try {
    const tail = readFileSync(join(dir, record.log), 'utf8').trimEnd().split('\n').slice(-10);
    for (const line of tail) ui.line(`  │ ${line}`);
  } catch {
    // the log is optional here: the status above is what matters
  }
}

/** `-p NAME=…` may also give a secret capture's value: those pairs are not params. */
function paramPairsFor(state: RunState, pairs: string[]): string[] {
  return pairs.filter((pair) => state.variables.get(pair.slice(0, pair.indexOf('=')))?.secret !== true);
}

function lastFailed(state: RunState, done: ReadonlySet<string>): { id: string; pid?: number; pgid?: number } | undefined {
  for (let i = state.records.length - 1; i >= 0; i--) {
    const r = state.records[i];
    if (r && r.phase === 'flow' && r.status !== 'running' && !done.has(r.id)) return { id: r.id };
  }
  return undefined;
}
