/**
 * Journals written before schema 2 (`run-started` without `schema`) are
 * read in today's shape: a reason that was a sentence becomes the
 * `reason.legacy` message (shown as written), a decision's reason becomes
 * its text, and `run-started` gets its steps from the runbook source it
 * carries (parsed lazily, only for such journals).
 */
import type { JournalEvent, Reason, RunStartedEvent, StepRef } from './events.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isReason(value: unknown): value is Reason {
  return isRecord(value) && typeof value.key === 'string' && isRecord(value.data);
}

function legacyReason(value: unknown): Reason | undefined {
  if (typeof value === 'string') return { key: 'reason.legacy', data: { text: value } };
  return isReason(value) ? value : undefined;
}

const strings = (value: unknown, ...keys: string[]) => isRecord(value) && keys.every((k) => typeof value[k] === 'string');

/** The fields every reader relies on, per event type. */
const REQUIRED: Record<JournalEvent['type'], (e: Record<string, unknown>) => boolean> = {
  'run-started': (e) => strings(e, 'runId', 'operator', 'host', 'mode') && strings(e.runbook, 'id', 'title', 'path') && isRecord(e.params) && Array.isArray(e.plan) && Array.isArray(e.steps),
  preflight: (e) => strings(e, 'check', 'name', 'status'),
  'step-started': (e) => strings(e, 'step', 'phase', 'kind') && typeof e.attempt === 'number',
  'step-process': (e) => strings(e, 'step', 'phase') && typeof e.attempt === 'number' && typeof e.pid === 'number',
  'step-finished': (e) => strings(e, 'step', 'phase', 'status') && typeof e.attempt === 'number',
  decision: (e) => strings(e, 'choice'),
  note: (e) => strings(e, 'text'),
  variable: (e) => strings(e, 'step', 'name'),
  param: (e) => strings(e, 'name', 'value', 'step'),
  session: (e) => strings(e, 'step') && isRecord(e.vars) && Object.values(e.vars).every((v) => typeof v === 'string') && Array.isArray(e.secret) && e.secret.every((n) => typeof n === 'string') && (e.cwd === undefined || typeof e.cwd === 'string'),
  escalation: (e) => Array.isArray(e.contacts),
  resumed: (e) => strings(e, 'operator', 'host'),
  'run-stopped': (e) => strings(e, 'signal'),
  'run-finished': (e) => strings(e, 'status'),
};

const isEventType = (type: string): type is JournalEvent['type'] => Object.hasOwn(REQUIRED, type);

function isEvent(value: Record<string, unknown>): value is Record<string, unknown> & JournalEvent {
  if (typeof value.seq !== 'number' || typeof value.at !== 'string' || typeof value.type !== 'string') return false;
  return isEventType(value.type) && REQUIRED[value.type](value);
}

/** One parsed JSON line → an event, upgraded; undefined when it is not an event at all. */
export function upgradeEvent(value: unknown): JournalEvent | undefined {
  if (!isRecord(value)) return undefined;
  const event: Record<string, unknown> = { ...value };
  if ((event.type === 'step-finished' || event.type === 'run-finished' || event.type === 'run-stopped') && event.reason !== undefined) {
    const upgraded = legacyReason(event.reason);
    if (upgraded) event.reason = upgraded;
    else delete event.reason;
  }
  if (event.type === 'decision' && typeof event.reason === 'string') {
    event.text = event.reason;
    delete event.reason;
  }
  if (event.type === 'run-started' && !Array.isArray(event.steps)) event.steps = [];
  if (event.type === 'run-started' && typeof event.source !== 'string') event.source = '';
  return isEvent(event) ? event : undefined;
}

/** True for a run started before schema 2, whose steps must be read from its source. */
export function needsSteps(started: RunStartedEvent): boolean {
  return started.schema === undefined && started.steps.length === 0 && typeof started.source === 'string' && started.source !== '';
}

/** Fills a legacy `run-started` with the steps, owner and escalation of the source it carries. */
export async function completeLegacyStart(started: RunStartedEvent): Promise<void> {
  if (!needsSteps(started)) return;
  try {
    const { parseRunbook } = await import('../parse/parse-runbook.js');
    const { runbook } = parseRunbook(started.source, started.runbook.path);
    started.steps = runbook.steps.map((s): StepRef => ({
      id: s.legacyId ?? s.id, // the journal names steps by the ids of its time (no `idRule`: manual ones cut at 48)
      kind: s.kind,
      section: runbook.sections[s.section]?.title ?? runbook.title,
      text: s.kind === 'manual' ? s.text : s.command,
      destructive: s.kind === 'command' && s.destructive,
      rollback: s.rollback,
    }));
    const fm = runbook.frontMatter;
    if (fm.owner !== undefined && started.runbook.owner === undefined) started.runbook.owner = fm.owner;
    if (fm.escalation && !started.escalation) started.escalation = fm.escalation;
  } catch {
    // A source that no longer parses: the report goes without sections.
  }
}
