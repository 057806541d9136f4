/** Rebuilds what a run knew from its journal: finished steps, captured variables, the interrupted step. */
import type { JournalEvent, RunFinishedEvent, RunStartedEvent, StepStartedEvent, StepStatus } from './events.js';

export interface ReplayedRun {
  started: RunStartedEvent;
  finished?: RunFinishedEvent;
  /** Last status of each step that finished. */
  statuses: Map<string, StepStatus>;
  /** Non-secret captured variables. */
  captures: Record<string, string>;
  /** Captured variables that were secret: their values were never journaled. */
  secretCaptures: string[];
  /** A step that started and never finished (the process stopped under it). */
  interrupted?: StepStartedEvent;
  destructiveStarted: Set<string>;
}

export function replay(events: JournalEvent[]): ReplayedRun | undefined {
  const started = events.find((e): e is RunStartedEvent => e.type === 'run-started');
  if (!started) return undefined;
  const statuses = new Map<string, StepStatus>();
  const captures: Record<string, string> = {};
  const secretCaptures = new Set<string>();
  const open = new Map<string, StepStartedEvent>();
  const startedSteps = new Set<string>();
  let finished: RunFinishedEvent | undefined;
  for (const event of events) {
    switch (event.type) {
      case 'step-started':
        open.set(event.step, event);
        startedSteps.add(event.step);
        break;
      case 'step-finished':
        open.delete(event.step);
        if (event.phase === 'flow' || event.status === 'recovered') statuses.set(event.step, event.status);
        break;
      case 'variable':
        if (event.secret) secretCaptures.add(event.name);
        else if (event.value !== undefined) captures[event.name] = event.value;
        break;
      case 'run-finished':
        finished = event;
        break;
      default:
        break;
    }
  }
  const interrupted = [...open.values()].pop();
  return {
    started,
    ...(finished && { finished }),
    statuses,
    captures,
    secretCaptures: [...secretCaptures],
    ...(interrupted && { interrupted }),
    destructiveStarted: startedSteps,
  };
}
