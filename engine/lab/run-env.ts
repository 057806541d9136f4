/**
 * The `lab` environment of a runbook, as `play` and `resume` use it: its vars
 * may say `${RUNBOOK_LAB_DIR}` (the lab root, resolved like `lab --lab-dir`),
 * and it gets `RUNBOOK_LAB_DIR`, plus `DOCKER_HOST`/`DOCKER_CONFIG` when the lab
 * runs its own engine or compose plugin. Light on purpose: no docker, no execa.
 */
import type { EnvironmentSpec } from '../model.js';
import { readEngineInfo } from './engine-file.js';
import { labDir, layout } from './paths.js';

import { LAB_ENVIRONMENT } from './name.js';

export { LAB_ENVIRONMENT };
const PLACEHOLDER = '${RUNBOOK_LAB_DIR}';

export function labEnvironment<T extends { name: string; spec: EnvironmentSpec }>(chosen: T | undefined, env: NodeJS.ProcessEnv, cwd: string): T | undefined {
  if (!chosen || chosen.name !== LAB_ENVIRONMENT) return chosen;
  const root = labDir(env, undefined, cwd);
  const info = readEngineInfo(layout(root).engineFile);
  const vars = Object.fromEntries(Object.entries(chosen.spec.vars).map(([k, v]) => [k, v.split(PLACEHOLDER).join(root)]));
  const engine: Record<string, string> = { RUNBOOK_LAB_DIR: root };
  if (info) engine.DOCKER_HOST = info.dockerHost;
  if (info?.dockerConfig !== undefined) engine.DOCKER_CONFIG = info.dockerConfig;
  return { ...chosen, spec: { ...chosen.spec, vars: { ...engine, ...vars } } };
}
