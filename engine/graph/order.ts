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
  for (const id of ids) {
    for (const dep of dependencies[id] ?? []) {
      const list = dependents.get(dep);
      if (list) list.push(id);
      else dependents.set(dep, [id]);
    }
  }

  const order: string[] = [];
  // The ready steps, earliest in the document first (a heap by rank: many ready at once cost log n each, not a sort).
  const ready = new RankHeap((id) => rank.get(id) ?? 0);
  for (const id of ids) if (pending.get(id)?.size === 0) ready.push(id);
  for (let next = ready.pop(); next !== undefined; next = ready.pop()) {
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

/** A binary min-heap of ids by their rank. */
class RankHeap {
  private readonly items: string[] = [];

  constructor(private readonly rankOf: (id: string) => number) {}

  push(id: string): void {
    const items = this.items;
    items.push(id);
    let i = items.length - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (this.rankOf(items[up] as string) <= this.rankOf(id)) break;
      items[i] = items[up] as string;
      i = up;
    }
    items[i] = id;
  }

  pop(): string | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && this.rankOf(items[right] as string) < this.rankOf(items[left] as string) ? right : left;
      if (this.rankOf(items[child] as string) >= this.rankOf(last)) break;
      items[i] = items[child] as string;
      i = child;
    }
    items[i] = last;
    return top;
  }
}
