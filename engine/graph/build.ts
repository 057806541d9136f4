/**
 * Runbook model → validated step graph: the normal flow in execution order,
 * the on-failure handlers, the rollback path and every edge between them.
 */
import { DiagnosticList, didYouMean, msg } from '../diagnostics.js';
import type { Diagnostic, DiagnosticMessage, Position, Runbook, Step } from '../model.js';
import { closestName } from '../parse/step-options.js';
import { inferAlternatives, type AlternativeGroup } from './alternatives.js';
import { topologicalOrder } from './order.js';

export type EdgeKind = 'needs' | 'on-failure' | 'rollback';

export interface GraphEdge {
  from: string;
  to: string;
  kind: EdgeKind;
}

export interface StepGraph {
  runbook: Runbook;
  /** Steps of the normal flow in execution order (topological, ties by document order). */
  flow: string[];
  /** Steps named by some `on-failure`, in document order. */
  handlers: string[];
  /** Steps marked `rollback`, in document order: the rollback path. */
  rollback: string[];
  /** Effective dependencies of each normal-flow step. */
  dependencies: Record<string, string[]>;
  /** Alternative sections ("Option 1/2") of a runbook written for people: one option of each group runs (`graph/alternatives.ts`). */
  alternatives: AlternativeGroup[];
  edges: GraphEdge[];
}

export function buildGraph(runbook: Runbook, displayPath = runbook.path): { graph: StepGraph; diagnostics: Diagnostic[] } {
  const out = new DiagnosticList(displayPath);
  const byId = new Map<string, Step>();
  for (const step of runbook.steps) if (!byId.has(step.id)) byId.set(step.id, step);
  const at = (step: Step, key: string): Position => (step.kind === 'command' ? (step.attributePositions[key] ?? step.position) : step.position);

  const handlerIds = new Set<string>();
  for (const step of runbook.steps) {
    if (step.kind !== 'command' || step.onFailure === undefined) continue;
    const target = byId.get(step.onFailure);
    if (!target) {
      out.error(at(step, 'on-failure'), 'on-failure-unknown', unknownMessage('on-failure', step.onFailure, byId.keys()));
    } else if (target.id === step.id) {
      out.error(at(step, 'on-failure'), 'cycle', msg('on-failure-self', { id: step.id }));
    } else {
      handlerIds.add(target.id);
    }
  }
  const isNormal = (step: Step) => !step.rollback && !handlerIds.has(step.id);
  const normal = runbook.steps.filter((s) => isNormal(s) && byId.get(s.id) === s);

  const dependencies: Record<string, string[]> = {};
  let previous: string | undefined;
  for (const step of normal) {
    if (step.needs.length === 0) {
      dependencies[step.id] = previous === undefined ? [] : [previous];
    } else {
      dependencies[step.id] = [];
      const seen = new Set<string>();
      for (const need of step.needs) {
        const target = byId.get(need);
        if (seen.has(need)) {
          out.warn(at(step, 'needs'), 'needs-duplicate', msg('needs-duplicate', { need, step: step.id }));
          continue;
        }
        seen.add(need);
        if (!target) out.error(at(step, 'needs'), 'needs-unknown', unknownMessage('needs', need, byId.keys()));
        else if (!isNormal(target)) {
          const role = msg(target.rollback ? 'role-rollback' : 'role-handler');
          out.error(at(step, 'needs'), 'unreachable', msg('needs-outside-flow', { need, role, step: step.id }));
        } else dependencies[step.id]?.push(need);
      }
    }
    previous = step.id;
  }
  // A step whose id is taken (duplicate-id) is left out of the graph, but its dangling `needs` are still reported.
  for (const step of runbook.steps) {
    if (byId.get(step.id) === step) continue;
    for (const need of new Set(step.needs)) if (!byId.has(need)) out.error(at(step, 'needs'), 'needs-unknown', unknownMessage('needs', need, byId.keys()));
  }
  for (const step of runbook.steps) {
    if (!isNormal(step) && step.needs.length > 0) {
      out.warn(at(step, 'needs'), 'needs-ignored', msg(step.rollback ? 'needs-on-rollback' : 'needs-on-handler', { step: step.id }));
    }
  }

  const order = topologicalOrder(normal.map((s) => s.id), dependencies);
  for (const cycle of order.cycles) {
    const first = byId.get(cycle[0] as string) as Step;
    out.error(at(first, 'needs'), 'cycle', msg('cycle', { cycle: [...cycle, cycle[0]].map((id) => `\`${id}\``).join(' → ') }));
  }
  for (const id of order.blocked) {
    const step = byId.get(id) as Step;
    out.error(at(step, 'needs'), 'unreachable', msg('blocked-by-cycle', { id }));
  }

  const edges: GraphEdge[] = [];
  for (const [to, froms] of Object.entries(dependencies)) for (const from of froms) edges.push({ from, to, kind: 'needs' });
  for (const step of runbook.steps) {
    if (step.kind === 'command' && step.onFailure !== undefined && handlerIds.has(step.onFailure)) edges.push({ from: step.id, to: step.onFailure, kind: 'on-failure' });
  }
  const rollback = runbook.steps.filter((s) => s.rollback && byId.get(s.id) === s).map((s) => s.id);
  for (let i = 1; i < rollback.length; i++) edges.push({ from: rollback[i - 1] as string, to: rollback[i] as string, kind: 'rollback' });

  return {
    graph: {
      runbook,
      flow: order.order,
      handlers: runbook.steps.filter((s) => handlerIds.has(s.id)).map((s) => s.id),
      rollback,
      dependencies,
      alternatives: inferAlternatives(runbook, new Set(order.order), out),
      edges,
    },
    diagnostics: out.items,
  };
}

function unknownMessage(key: string, id: string, known: Iterable<string>): DiagnosticMessage {
  return msg('step-unknown', { key, id, hint: didYouMean(closestName(id, known)) });
}

/** Each runbook's steps by id (the first of a duplicated id, as a scan would find), built once: a lookup per step of a 20,000-step graph is not a scan each. */
const indexes = new WeakMap<Runbook, Map<string, Step>>();

export function stepById(graph: StepGraph, id: string): Step | undefined {
  let index = indexes.get(graph.runbook);
  if (!index) {
    index = new Map();
    for (const step of graph.runbook.steps) if (!index.has(step.id)) index.set(step.id, step);
    indexes.set(graph.runbook, index);
  }
  return index.get(id);
}
