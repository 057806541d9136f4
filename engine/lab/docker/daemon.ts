/**
 * Which Docker the lab uses: DOCKER_HOST or the default socket when one
 * answers, else (root only) a private dockerd with its own data root, exec
 * root and socket under the lab folder — stopped again by `down`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FailedError } from '../../errors.js';
import type { LabLayout } from '../paths.js';
import { createDocker, isRoot } from './cli.js';
import { ensureCommands } from './packages.js';

const DEFAULT_SOCKET = 'unix:///var/run/docker.sock';

export async function answers(dockerHost: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const r = await createDocker({ ...env, DOCKER_HOST: dockerHost }).run(['info', '--format', '{{.ServerVersion}}'], { timeoutMs: 15_000 });
  return r.exitCode === 0;
}

export function privateHost(lab: LabLayout): string {
  return `unix://${lab.socket}`;
}

/** The host's Docker if one answers; undefined otherwise. */
export async function hostEngine(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const candidates = env.DOCKER_HOST ? [env.DOCKER_HOST] : [DEFAULT_SOCKET];
  for (const host of candidates) if (await answers(host, env)) return host;
  return undefined;
}

export async function startPrivateEngine(lab: LabLayout, env: NodeJS.ProcessEnv): Promise<string> {
  const host = privateHost(lab);
  if (await answers(host, env)) return host;
  if (!isRoot()) throw new FailedError('lab.noDocker', { host: env.DOCKER_HOST ?? DEFAULT_SOCKET });
  await ensureCommands(['dockerd', 'docker'], env);
  mkdirSync(lab.engineDir, { recursive: true });
  rmSync(lab.socket, { force: true });
  const log = openSync(join(lab.engineDir, 'dockerd.log'), 'a');
  const child = spawn(
    'dockerd',
    ['--data-root', join(lab.engineDir, 'data'), '--exec-root', join(lab.engineDir, 'exec'), '--host', host, '--pidfile', join(lab.engineDir, 'dockerd.pid')],
    { detached: true, stdio: ['ignore', log, log], env },
  );
  child.unref();
  for (let i = 0; i < 60; i++) {
    if (await answers(host, env)) return host;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new FailedError('lab.dockerdFailed', { log: join(lab.engineDir, 'dockerd.log') });
}

/** Stops the private dockerd (SIGTERM, then waits for its socket to go). */
export async function stopPrivateEngine(lab: LabLayout): Promise<boolean> {
  const pidFile = join(lab.engineDir, 'dockerd.pid');
  if (!existsSync(pidFile)) return false;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 1) return false;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return false;
  }
  for (let i = 0; i < 60; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return true;
}
