/**
 * Safety steps cannot be skipped silently. A step depends on the steps it
 * `needs` and on the steps whose capture it uses (`$X`/`${X}` in its
 * command, `if` or `cwd`). When one of those did not run — left out by
 * `--from`/`--only`/`--until`, skipped, or failed past — the step is
 * blocked: under `--yes` the run stops before its first step (or, found
 * later, at that step); attended, the operator runs the missing step now or
 * goes on by typing the blocked step's id (journaled). A rollback step that
 * relies on one is passed over with the reason.
 */
import type { Step } from '../../model.js';
import { reason, type Reason, type StepStatus } from '../../journal/events.js';
import type { RunContext } from '../context.js';
import { referencedNames } from '../variables.js';

/** A dependency that did not run: the step, and the capture when that is what is missing. */
export interface Missing {
  step: string;
  capture?: string;
}

const RAN: ReadonlySet<StepStatus> = new Set(['succeeded', 'recovered', 'done', 'dry-run']);

const captureProviders = new WeakMap<RunContext['graph'], Map<string, string>>();

/** Capture name → the step that captures it (the first, in document order). */
function providers(ctx: RunContext): Map<string, string> {
  let map = captureProviders.get(ctx.graph);
  if (!map) {
    map = new Map();
    for (const s of ctx.graph.runbook.steps) if (s.kind === 'command' && s.capture !== undefined && !map.has(s.capture)) map.set(s.capture, s.id);
    captureProviders.set(ctx.graph, map);
  }
  return map;
}

function usedText(step: Step): string {
  return step.kind === 'command' ? `${step.command}\n${step.if ?? ''}\n${step.cwd ?? ''}` : (step.if ?? '');
}

/**
 * True when `id` ran; for `needs` also when it decided by its own `if` that it
 * was not needed, or is a manual step an unattended run passed as not
 * confirmed (`--yes` cannot confirm one; the report lists it).
 */
function ran(ctx: RunContext, id: string, forNeeds: boolean): boolean {
  const status = ctx.journal.state.lastStatus.get(id);
  if (status !== undefined && RAN.has(status)) return true;
  if (forNeeds && status === 'not-confirmed') return true;
  if (!forNeeds || status !== 'skipped') return false;
  const records = ctx.journal.state.records;
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i];
    if (r?.id === id) return r.reason?.key === 'reason.conditionFalse';
  }
  return false;
}

/** What `step` relies on that did not run (and, for a capture, whose value nothing else gave). */
export function missingFor(ctx: RunContext, step: Step, willRun: ReadonlySet<string> = new Set()): Missing[] {
  const out: Missing[] = [];
  const seen = new Set<string>();
  for (const id of step.needs) {
    if (id === step.id || seen.has(id) || willRun.has(id) || ran(ctx, id, true)) continue;
    seen.add(id);
    out.push({ step: id });
  }
  const names = referencedNames(usedText(step));
  if (names.length === 0) return out;
  const byName = providers(ctx);
  const env = ctx.variables.env();
  for (const name of names) {
    const provider = byName.get(name);
    if (provider === undefined || provider === step.id || willRun.has(provider) || env[name] !== undefined || ran(ctx, provider, false)) continue;
    if (seen.has(provider)) continue;
    seen.add(provider);
    out.push({ step: provider, capture: name });
  }
  return out;
}

export function describeMissing(missing: readonly Missing[]): string {
  return missing.map((m) => (m.capture !== undefined ? `${m.step} ($${m.capture})` : m.step)).join(', ');
}

/** Under `--yes`, before any step: every planned step whose safety step the selection left out. */
export function leftOut(ctx: RunContext, plan: readonly string[]): string[] {
  const planned = new Set(plan);
  const lines: string[] = [];
  for (const id of plan) {
    const step = ctx.steps.get(id);
    if (!step) continue;
    const missing = missingFor(ctx, step, planned);
    if (missing.length > 0) lines.push(`${id} ← ${describeMissing(missing)}`);
  }
  return lines;
}

/** Why a rollback step cannot run (a safety step it relies on never ran), or undefined. */
export function blockedRollback(ctx: RunContext, step: Step): Reason | undefined {
  const missing = missingFor(ctx, step);
  return missing.length === 0 ? undefined : reason('reason.safetyMissing', { step: step.id, missing: describeMissing(missing) });
}
