/**
 * Manual-step ids used to be the step's text cut at 48 characters; they are cut at 32 now. A
 * runbook written before may name such a step by its old id in `needs=` or `on-failure=`: the
 * reference is read as the step's id now, and lint says so (`legacy-id`, info: never fails
 * `--strict`).
 */
import { msg, type DiagnosticList } from '../diagnostics.js';
import type { Position, Step } from '../model.js';

export function resolveLegacyRefs(steps: Step[], out: DiagnosticList): Step[] {
  const current = new Set(steps.map((s) => s.id));
  const renamed = new Map(steps.flatMap((s) => (s.legacyId !== undefined && !current.has(s.legacyId) ? [[s.legacyId, s.id] as const] : [])));
  if (renamed.size === 0) return steps;
  return steps.map((step) => {
    if (step.kind !== 'command') return step;
    const at = (key: string): Position => step.attributePositions[key] ?? step.position;
    const read = (key: 'needs' | 'on-failure', ref: string): string => {
      const now = current.has(ref) ? undefined : renamed.get(ref);
      if (now === undefined) return ref;
      out.info(at(key), 'legacy-id', msg('legacy-id', { attribute: key, old: ref, id: now }));
      return now;
    };
    const needs = step.needs.map((n) => read('needs', n));
    const onFailure = step.onFailure === undefined ? undefined : read('on-failure', step.onFailure);
    return { ...step, needs, ...(onFailure !== undefined && { onFailure }) };
  });
}
