/**
 * `labAnswers(labDir, system)`: true when the lab at `labDir` is up, its Docker
 * answers and the system's containers are the lab's own. The run layer calls
 * it to refuse `--env lab` before any step when no lab answers.
 */
import { layout } from './paths.js';
import { openLab } from './session.js';
import { findSystem } from './systems/index.js';
import { inspectContainer } from './docker/inspect.js';
import { existsSync } from 'node:fs';

export async function labAnswers(labDir: string, systemName: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const system = findSystem(systemName);
  if (!system || !existsSync(layout(labDir).systemDir(system.name))) return false;
  try {
    const l = await openLab(labDir, env);
    for (const name of system.containers) if ((await inspectContainer(l.docker, name)).lab !== l.lab.root) return false;
    return true;
  } catch {
    return false;
  }
}
