/**
 * `labAnswers(labDir, system)`: true when the lab at `labDir` is up, its Docker
 * answers and the system's containers are the lab's own (one may be missing: see
 * `containersAreTheLabs`). The run layer calls
 * it to refuse `--env lab` before any step when no lab answers.
 */
import { layout } from './paths.js';
import { openLab } from './session.js';
import { findSystem } from './systems/index.js';
import { inspectContainer, type ContainerInfo } from './docker/inspect.js';
import { existsSync } from 'node:fs';

export async function labAnswers(labDir: string, systemName: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const system = findSystem(systemName);
  if (!system || !existsSync(layout(labDir).systemDir(system.name))) return false;
  try {
    const l = await openLab(labDir, env);
    const found: ContainerInfo[] = [];
    for (const name of system.containers) found.push(await inspectContainer(l.docker, name));
    return containersAreTheLabs(found, l.lab.root);
  } catch {
    return false;
  }
}

/**
 * The system's containers belong to the lab at `root`: every one that exists carries its label,
 * and at least one exists. A container that is gone (removed by hand, or by a failed recreate) is
 * an incident the runbooks repair (SOC-04's recreate-backend), not a sign of another server: a
 * container of those names without the label, or with another lab's, is.
 */
export function containersAreTheLabs(containers: readonly Pick<ContainerInfo, 'exists' | 'lab'>[], root: string): boolean {
  const existing = containers.filter((c) => c.exists);
  return existing.length > 0 && existing.every((c) => c.lab === root);
}
