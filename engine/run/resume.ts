/**
 * `resume`: picks up a run whose engine stopped (crash, kill -9, closed
 * terminal) from its journal. Finished steps are never re-run; the step that
 * was running is waited for (never two copies at once) and then re-run,
 * marked done or skipped; secrets are asked again.
 */
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { analyzeSource, type LoadedRunbook } from '../catalog/load-runbook.js';
import { AbortedError, FailedError, LoadError, RunbookError, UsageError } from '../errors.js';
import { buildGraph } from '../graph/build.js';
import { readSource } from '../catalog/read-source.js';
import type { JournalEvent, StepStatus } from './events.js';
import { groupAlive, signalGroup } from './exec.js';
import { finishRun, type RunSummary } from './finish.js';
import { playFlow } from './flow.js';
import { readJournal } from './journal-read.js';
import { openJournal } from './journal-write.js';
import { acquireLock } from './lock.js';
import { createMasker } from './mask.js';
import type { PlayOptions } from './play.js';
import { chooseEnvironment } from './preflight/environment.js';
import { labEnvironment } from '../lab/run-env.js';
import { resolveParams } from './preflight/params.js';
import { replay, type ReplayedRun } from './replay.js';
import type { RunSession } from './session.js';
import { JOURNAL_FILE, listRunIds, runDir as runDirOf } from './state-dir.js';
import { hostname } from 'node:os';
import { operatorName } from './operator.js';

const FINISHED: ReadonlySet<StepStatus> = new Set(['succeeded', 'recovered', 'skipped', 'done', 'not-confirmed', 'dry-run']);

export type ResumeOptions = Omit<PlayOptions, 'loaded' | 'mode' | 'envName' | 'selection'> & { runId?: string };

export function findResumable(stateDir: string, runId: string | undefined): string {
  const ids = listRunIds(stateDir);
  if (runId !== undefined) {
    if (!ids.includes(runId)) throw new LoadError('error.unknownRun', { run: runId, dir: stateDir });
    return runId;
  }
  const open = ids.filter((id) => !readJournal(join(runDirOf(stateDir, id), JOURNAL_FILE)).events.some((e) => e.type === 'run-finished'));
  const latest = open.pop();
  if (!latest) throw new LoadError('error.noUnfinishedRun', { dir: stateDir });
  return latest;
}

/** Drops a torn last line (kept aside in `journal.torn`) so appends start on a clean line. */
function repairJournal(file: string): { events: JournalEvent[]; torn: boolean } {
  const { events, tornLine } = readJournal(file);
  if (tornLine) {
    const text = readFileSync(file, 'utf8');
    const keep = text.lastIndexOf('\n') + 1;
    writeFileSync(`${file}.torn`, text.slice(keep), { mode: 0o600 });
    truncateSync(file, Buffer.byteLength(text.slice(0, keep)));
  } else if (!readFileSync(file, 'utf8').endsWith('\n') && events.length > 0) {
    writeFileSync(file, '\n', { flag: 'a' });
  }
  return { events, torn: tornLine };
}

async function currentRunbook(state: ReplayedRun): Promise<{ loaded: LoadedRunbook; diff?: string }> {
  const path = state.started.runbook.path;
  let source: string;
  try {
    source = readSource(path);
  } catch {
    source = state.started.source; // the file is gone: play the version the run started with
  }
  const loaded = await analyzeSource(source, path, { display: path });
  if (loaded.runbook.sha256 === state.started.runbook.sha256) return { loaded };
  return { loaded, diff: createTwoFilesPatch('runbook (when the run started)', 'runbook (now)', state.started.source, source, '', '', { context: 2 }) };
}

export async function resume(options: ResumeOptions): Promise<RunSummary> {
  const { t, ui } = options;
  const runId = findResumable(options.stateDir, options.runId);
  const dir = runDirOf(options.stateDir, runId);
  const file = join(dir, JOURNAL_FILE);
  const { events, torn } = repairJournal(file);
  const state = replay(events);
  if (!state) throw new LoadError('error.journalCorrupt', { file, line: 1 });
  if (state.finished) throw new UsageError('error.runFinished', { run: runId, status: state.finished.status });
  if (torn) ui.warn(t('run.tornLine', { file: `${file}.torn` }));
  const { loaded, diff } = await currentRunbook(state);
  const { graph } = buildGraph(loaded.runbook, loaded.display);
  const done = new Map([...state.statuses].filter(([, s]) => FINISHED.has(s)));
  const plan = state.started.plan.filter((id) => !done.has(id));
  if (diff) {
    ui.warn(t('run.runbookChanged'));
    ui.diff(diff);
    const gone = plan.filter((id) => !graph.flow.includes(id));
    if (options.yes && gone.length > 0) throw new FailedError('error.resumeChanged', { steps: gone.join(', ') });
    if (!options.yes && options.prompter && !(await options.prompter.confirm(t('prompt.resumeChanged'), false))) {
      throw new FailedError('error.resumeChanged', { steps: gone.join(', ') || '—' });
    }
  }
  const started = state.started;
  const fm = loaded.runbook.frontMatter;
  const prompter = options.yes ? undefined : options.prompter;
  const environment = started.env !== undefined ? labEnvironment(await chooseEnvironment(fm, { flag: started.env, yes: true, dryRun: started.mode === 'dry-run', t }), options.env, options.cwd) : undefined;
  const known = Object.fromEntries(Object.entries(started.params).filter(([k]) => !started.secretParams.includes(k)));
  const params = await resolveParams(fm.params, { envVars: environment?.spec.vars ?? {}, pairs: options.paramPairs, ...(options.paramsFile !== undefined && { file: options.paramsFile }), env: options.env, cwd: options.cwd, ...(prompter && { prompter }), yes: options.yes, dryRun: started.mode === 'dry-run', t, known });
  const captures = { ...state.captures };
  for (const name of state.secretCaptures) {
    const value = options.env[`RUNBOOK_PARAM_${name}`] ?? (prompter ? await prompter.secret(name) : undefined);
    if (value === undefined) throw new UsageError('error.paramsMissing', { names: name, first: name });
    captures[name] = value;
  }
  const secretNames = new Set([...started.secretParams, ...state.secretCaptures]);
  const masker = createMasker([...started.secretParams.map((n) => params.values[n] ?? ''), ...state.secretCaptures.map((n) => captures[n] ?? '')], fm.mask);
  const holder = { user: operatorName(options.env), host: hostname(), pid: process.pid, since: new Date().toISOString(), runId, runDir: dir };
  const lock = started.mode === 'dry-run' ? undefined : acquireLock({ env: options.env, runbookId: started.runbook.id, envName: started.env, holder, force: options.force === true, sameRun: runId });
  const journal = openJournal(file, events);
  const now = options.now ?? Date.now;
  const session: RunSession = {
    runId, runDir: dir, graph, mode: started.mode, yes: options.yes, allowDestructive: options.allowDestructive,
    ...(environment && { environment }), params: params.values, secretNames, captures, baseEnv: { ...options.env }, cwd: options.cwd,
    masker, journal, runner: options.runner, ...(prompter && { prompter }), ui, t, startedAt: Date.parse(started.at), now,
    destructiveRan: [...state.destructiveStarted].some((id) => { const s = graph.runbook.steps.find((x) => x.id === id); return s?.kind === 'command' && s.destructive; }),
    escalated: events.some((e) => e.type === 'escalation'), statuses: new Map(done), logCounter: events.filter((e) => e.type === 'step-started').length, ...(lock && { lock }),
  };
  options.onSession?.(session);
  journal.append({ type: 'resumed', operator: operatorName(options.env), host: hostname(), ...(state.interrupted && { interrupted: state.interrupted.step }), runbookChanged: diff !== undefined, afterCrash: true, tornLine: torn });
  ui.line(t('run.resuming', { runId, done: done.size, total: graph.flow.length }));
  try {
    const unfinished = state.interrupted ?? lastFailed(events, done);
    if (unfinished) await settleInterrupted(session, unfinished.step, unfinished.pgid);
    const result = await playFlow(session, plan.filter((id) => graph.flow.includes(id)));
    return finishRun(session, result);
  } catch (error) {
    const reason = error instanceof RunbookError ? t(error.key, error.vars) : (error as Error).message;
    finishRun(session, { status: error instanceof AbortedError ? 'aborted' : 'failed', reason });
    throw error;
  }
}

function lastFailed(events: JournalEvent[], done: Map<string, StepStatus>): { step: string; pgid?: number } | undefined {
  const failed = [...events].reverse().find((e) => e.type === 'step-finished' && e.phase === 'flow' && !done.has(e.step));
  return failed && failed.type === 'step-finished' ? { step: failed.step } : undefined;
}

/** Never two copies of a step: wait for (or stop) a process group that is still alive, then Re-run · Mark done · Skip. */
async function settleInterrupted(session: RunSession, stepId: string, pgid: number | undefined): Promise<void> {
  const { ui, t, prompter } = session;
  if (pgid !== undefined && groupAlive(pgid)) {
    if (prompter && (await prompter.confirm(t('prompt.stopProcess', { step: stepId, pgid }), false))) {
      session.journal.append({ type: 'decision', step: stepId, choice: 'stop-process', automatic: false });
      signalGroup(pgid, 'SIGTERM');
    }
    ui.line(t('run.waitingForProcess', { pgid }));
    while (groupAlive(pgid)) await new Promise((r) => setTimeout(r, 500));
  }
  if (!session.graph.flow.includes(stepId)) return;
  const choice = prompter
    ? await prompter.choose(t('prompt.interrupted', { step: stepId }), [
        { value: 'rerun', label: t('choice.rerun') },
        { value: 'mark-done', label: t('choice.markDone') },
        { value: 'skip', label: t('choice.skip') },
      ], 'rerun')
    : 'rerun';
  session.journal.append({ type: 'decision', step: stepId, choice: choice as 'rerun' | 'mark-done' | 'skip', automatic: !prompter });
  if (choice === 'rerun') return;
  const status = choice === 'mark-done' ? 'done' : 'skipped';
  session.statuses.set(stepId, status);
  session.journal.append({ type: 'step-finished', step: stepId, phase: 'flow', attempt: 0, status, durationMs: 0, outputBytes: 0, reason: t(choice === 'mark-done' ? 'choice.markDone' : 'run.skippedByOperator') });
}

