/**
 * The `lab` environment, prepared for a run and guarded: its vars point into the
 * lab (see `run-env.ts`), and a real run is refused before any step unless the
 * lab's system answers — a lab environment must never reach a real server.
 */
import { FailedError } from '../errors.js';
import type { EnvironmentSpec } from '../model.js';
import { labAnswers } from './answers.js';
import { labDir } from './paths.js';
import { labEnvironment, LAB_ENVIRONMENT } from './run-env.js';

/** The lab system a `lab` environment points into: the `<system>` of `${RUNBOOK_LAB_DIR}/systems/<system>/…` in its vars. */
export function labSystemOf(spec: EnvironmentSpec): string | undefined {
  for (const value of Object.values(spec.vars)) {
    const match = /\$\{RUNBOOK_LAB_DIR\}\/systems\/([a-z0-9-]+)/.exec(value);
    if (match?.[1]) return match[1];
  }
  return undefined;
}

export async function prepareLabEnvironment<T extends { name: string; spec: EnvironmentSpec }>(chosen: T | undefined, options: { env: NodeJS.ProcessEnv; cwd: string; dryRun: boolean }): Promise<T | undefined> {
  if (!chosen || chosen.name !== LAB_ENVIRONMENT) return chosen;
  const system = labSystemOf(chosen.spec);
  const prepared = labEnvironment(chosen, options.env, options.cwd);
  if (options.dryRun) return prepared;
  const root = labDir(options.env, undefined, options.cwd);
  if (system === undefined || !(await labAnswers(root, system, options.env))) throw new FailedError('lab.refusedNoLab', { system: system ?? '—', dir: root });
  return prepared;
}
