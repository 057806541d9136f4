/** Which steps of the normal flow this run covers: `--from`, `--only`, `--until` (the rest is recorded as skipped). */
import { UsageError } from '../errors.js';
import type { StepGraph } from '../graph/build.js';

export interface Selection {
  from?: string;
  only?: string[];
  until?: string;
}

export function planSteps(graph: StepGraph, selection: Selection): { plan: string[]; left: string[] } {
  const flow = graph.flow;
  const check = (id: string, flag: string) => {
    if (!flow.includes(id)) throw new UsageError('error.unknownStep', { flag, step: id, steps: flow.join(', ') });
  };
  let plan = [...flow];
  if (selection.only && selection.only.length > 0) {
    for (const id of selection.only) check(id, '--only');
    const only = new Set(selection.only);
    plan = flow.filter((id) => only.has(id));
  }
  if (selection.from !== undefined) {
    check(selection.from, '--from');
    plan = plan.slice(Math.max(0, plan.indexOf(selection.from)));
  }
  if (selection.until !== undefined) {
    check(selection.until, '--until');
    const end = plan.indexOf(selection.until);
    if (end !== -1) plan = plan.slice(0, end + 1);
  }
  const planned = new Set(plan);
  return { plan, left: flow.filter((id) => !planned.has(id)) };
}
