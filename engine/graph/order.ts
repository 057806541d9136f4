/** Kahn's topological sort; among ready steps the earliest in the document goes first. */
export interface OrderResult {
  order: string[];
  /** Each dependency cycle found, as the ids along it. */
  cycles: string[][];
  /** Steps not in a cycle that can never run because they depend on one. */
  blocked: string[];
}

export function topologicalOrder(ids: string[], dependencies: Record<string, string[]>): OrderResult {
  const rank = new Map(ids.map((id, i) => [id, i]));
  const pending = new Map(ids.map((id) => [id, new Set(dependencies[id] ?? [])]));
  const dependents = new Map<string, string[]>();
  for (const id of ids) for (const dep of dependencies[id] ?? []) dependents.set(dep, [...(dependents.get(dep) ?? []), id]);

  const order: string[] = [];
  const ready = ids.filter((id) => pending.get(id)?.size === 0);
  while (ready.length > 0) {
    ready.sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
    const next = ready.shift() as string;
    order.push(next);
    for (const dependent of dependents.get(next) ?? []) {
      const waiting = pending.get(dependent);
      waiting?.delete(next);
      if (waiting?.size === 0) ready.push(dependent);
    }
  }
  const placed = new Set(order);
  const left = ids.filter((id) => !placed.has(id));
  const cycles = findCycles(left, dependencies);
  const inCycle = new Set(cycles.flat());
  return { order, cycles, blocked: left.filter((id) => !inCycle.has(id)) };
}

function findCycles(ids: string[], dependencies: Record<string, string[]>): string[][] {
  const within = new Set(ids);
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[][] = [];
  const stack: string[] = [];
  const visit = (id: string) => {
    state.set(id, 'open');
    stack.push(id);
    for (const dep of dependencies[id] ?? []) {
      if (!within.has(dep)) continue;
      if (state.get(dep) === 'open') cycles.push(stack.slice(stack.indexOf(dep)));
      else if (!state.has(dep)) visit(dep);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of ids) if (!state.has(id)) visit(id);
  return cycles;
}
