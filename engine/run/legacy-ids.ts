/**
 * A journal written before manual-step ids were shortened (no `idRule` in `run-started`) names
 * its steps by their old ids (a manual step's text cut at 48 characters). Resume plays such a run
 * with the steps renamed to those ids, so every id in the journal — done, running, planned — is
 * the same step again, and the rest of the run is journaled under the same names (references
 * in `needs`/`on-failure` follow).
 */
import { buildGraph } from '../graph/build.js';
import type { LoadedRunbook } from '../catalog/load-runbook.js';
import { STEP_ID_RULE, type RunStartedEvent } from '../journal/events.js';
import type { Step } from '../model.js';

export function withJournalIds(loaded: LoadedRunbook, started: Pick<RunStartedEvent, 'idRule'>): LoadedRunbook {
  if (started.idRule === STEP_ID_RULE) return loaded;
  if (!loaded.runbook.steps.some((s) => s.legacyId !== undefined)) return loaded;
  const old = new Map(loaded.runbook.steps.flatMap((s) => (s.legacyId !== undefined ? [[s.id, s.legacyId] as const] : [])));
  const name = (id: string) => old.get(id) ?? id;
  const steps = loaded.runbook.steps.map((s): Step => {
    const renamed = { ...s, id: name(s.id), needs: s.needs.map(name) };
    return renamed.kind === 'command' && renamed.onFailure !== undefined ? { ...renamed, onFailure: name(renamed.onFailure) } : renamed;
  });
  const runbook = { ...loaded.runbook, steps };
  return { ...loaded, runbook, graph: buildGraph(runbook, loaded.display).graph };
}
