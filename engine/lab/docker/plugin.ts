/**
 * `docker compose` (v2 syntax) where the host has only Compose v1: the lab's
 * CLI plugin (lab/docker/docker-compose-plugin) in a DOCKER_CONFIG of its own.
 */
import { chmodSync, copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FailedError } from '../../errors.js';
import { assetsDir, type LabLayout } from '../paths.js';
import { createDocker } from './cli.js';
import { ensureCommands } from './packages.js';

/** Returns the DOCKER_CONFIG to use, or undefined when the host's `docker compose` works as it is. */
export async function ensureCompose(lab: LabLayout, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if ((await createDocker(env).run(['compose', 'version'], { timeoutMs: 20_000 })).exitCode === 0) return undefined;
  await ensureCommands(['docker-compose'], env);
  const plugins = join(lab.dockerConfig, 'cli-plugins');
  mkdirSync(plugins, { recursive: true });
  const target = join(plugins, 'docker-compose');
  copyFileSync(join(assetsDir(), 'docker', 'docker-compose-plugin'), target);
  chmodSync(target, 0o755);
  const check = await createDocker({ ...env, DOCKER_CONFIG: lab.dockerConfig }).run(['compose', 'version'], { timeoutMs: 20_000 });
  if (check.exitCode !== 0) throw new FailedError('lab.composeFailed', { detail: check.stderr.trim() });
  return lab.dockerConfig;
}
