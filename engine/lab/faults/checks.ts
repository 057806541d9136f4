/** What the faults of every system share: waiting for an effect, and the checks "healthy" and "seed data intact". */
import { systemContext, type Lab } from '../session.js';
import { systemStatus } from '../status.js';
import type { LabSystem } from '../systems/types.js';

/** Polls `test` every second until it holds or `timeoutMs` is over. */
export async function until(test: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await test()) && Date.now() < end) await new Promise((r) => setTimeout(r, 1000));
}

/** Undefined when the system is healthy; its problems otherwise. */
export async function healthyProblem(l: Lab, system: LabSystem): Promise<string | undefined> {
  const s = await systemStatus(l, system);
  return s.healthy ? undefined : s.problems.join('; ');
}

/** Undefined when every seed table has its seed rows; which do not otherwise. */
export async function seedDataProblem(l: Lab, system: LabSystem): Promise<string | undefined> {
  const counts = await system.counts(systemContext(l, system));
  const wrong = Object.entries(system.seedCounts).filter(([t, n]) => counts[t] !== n);
  return wrong.length ? wrong.map(([t, n]) => `${t}: ${counts[t] ?? 'missing'} rows, seed has ${n}`).join('; ') : undefined;
}
