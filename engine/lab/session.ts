/** Opening the lab: its folder, the Docker it uses, and a docker CLI bound to it. */
import { mkdirSync } from 'node:fs';
import { FailedError, UsageError } from '../errors.js';
import { createDocker, type Docker } from './docker/cli.js';
import { answers, hostEngine, startPrivateEngine } from './docker/daemon.js';
import { ensureCommands } from './docker/packages.js';
import { ensureCompose } from './docker/plugin.js';
import { dockerEnv, readEngineInfo, writeEngineInfo, type EngineInfo } from './engine-file.js';
import { layout, type LabLayout } from './paths.js';
import { findSystem, SYSTEMS } from './systems/index.js';
import type { LabSystem, SystemContext } from './systems/types.js';

export interface Lab {
  lab: LabLayout;
  info: EngineInfo;
  docker: Docker;
}

/** For `up`: find or start a Docker engine, make `docker compose` work, remember both. */
export async function startLab(root: string, env: NodeJS.ProcessEnv): Promise<Lab> {
  const lab = layout(root);
  mkdirSync(lab.root, { recursive: true });
  await ensureCommands(['docker'], env);
  const host = await hostEngine(env);
  const dockerHost = host ?? (await startPrivateEngine(lab, env));
  const base = { ...env, DOCKER_HOST: dockerHost };
  const dockerConfig = await ensureCompose(lab, base);
  const info: EngineInfo = { dockerHost, private: host === undefined, ...(dockerConfig !== undefined && { dockerConfig }) };
  writeEngineInfo(lab.engineFile, info);
  return { lab, info, docker: createDocker(dockerEnv(info, env)) };
}

/** For every other command: the lab `up` made, which must still answer. */
export async function openLab(root: string, env: NodeJS.ProcessEnv): Promise<Lab> {
  const lab = layout(root);
  const info = readEngineInfo(lab.engineFile);
  if (!info) throw new FailedError('lab.notUp', { dir: root });
  if (!(await answers(info.dockerHost, env))) throw new FailedError('lab.engineGone', { host: info.dockerHost, dir: root });
  return { lab, info, docker: createDocker(dockerEnv(info, env)) };
}

export function systemContext(l: Lab, system: LabSystem, images: Record<string, string> = {}): SystemContext {
  return { docker: l.docker, lab: l.lab, dir: l.lab.systemDir(system.name), images };
}

export function systemsNamed(names: string[]): LabSystem[] {
  if (names.length === 0) return SYSTEMS;
  return names.map((n) => {
    const s = findSystem(n);
    if (s) return s;
    throw new UsageError('lab.unknownSystem', { system: n, systems: SYSTEMS.map((x) => x.name).join(', ') });
  });
}
