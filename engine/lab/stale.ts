/**
 * Containers this lab made for a system that its definition no longer names — left by an
 * older version of the lab (Paw Paw's backend was `pawpaw_backend` on 127.0.0.1:4000 before
 * Nginx stood in front of it) or by a crash. `up` removes them before it checks ports: they are
 * the lab's own (its label), and they would hold the manual's ports. Their volumes stay.
 */
import type { Lab } from './session.js';
import { LAB_LABEL, SYSTEM_LABEL } from './paths.js';
import type { LabSystem } from './systems/types.js';

/** Whether a container name belongs to the system as defined now: one of its names, or a replica (`x_2` of `x_1`). */
export function isCurrentName(name: string, containers: readonly string[]): boolean {
  if (containers.includes(name)) return true;
  const m = /^(.*)_(\d+)$/.exec(name);
  return m?.[1] !== undefined && containers.includes(`${m[1]}_1`);
}

/** The names of this lab's containers for `system` (labels), running or not. */
export async function labContainers(l: Lab, system: LabSystem, extra: string[] = []): Promise<string[]> {
  const r = await l.docker.run(['ps', '-a', '--filter', `label=${LAB_LABEL}=${l.lab.root}`, '--filter', `label=${SYSTEM_LABEL}=${system.name}`, ...extra, '--format', '{{.Names}}'], { timeoutMs: 20_000 });
  if (r.exitCode !== 0) return [];
  return r.stdout.split('\n').map((n) => n.trim()).filter(Boolean);
}

/** Removes this lab's containers of `system` that the system no longer names; returns their names. */
export async function removeStaleContainers(l: Lab, system: LabSystem): Promise<string[]> {
  const stale = (await labContainers(l, system)).filter((name) => !isCurrentName(name, system.containers));
  if (stale.length > 0) await l.docker.out(['rm', '-f', ...stale], { timeoutMs: 60_000 });
  return stale;
}
