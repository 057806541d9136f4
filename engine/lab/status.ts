/** `lab status`: per container running/healthy and what is wrong; per system healthy. */
import { existsSync } from 'node:fs';
import { inspectContainer } from './docker/inspect.js';
import type { Lab } from './session.js';
import { SYSTEMS } from './systems/index.js';
import type { LabSystem } from './systems/types.js';

export interface ContainerStatus {
  name: string;
  running: boolean;
  healthy: boolean;
  status: string;
  health: string;
  problem?: string;
}

export interface SystemStatus {
  name: string;
  healthy: boolean;
  containers: ContainerStatus[];
  problems: string[];
}

export interface LabStatus {
  dockerHost: string;
  labDir: string;
  systems: SystemStatus[];
}

export async function systemStatus(l: Lab, system: LabSystem): Promise<SystemStatus> {
  const containers: ContainerStatus[] = [];
  for (const name of system.containers) {
    const c = await inspectContainer(l.docker, name);
    const healthy = c.running && (c.health === 'healthy' || c.health === 'none');
    const problem = !c.exists
      ? 'missing'
      : c.lab !== l.lab.root
        ? 'not made by this lab'
        : !c.running
          ? `${c.status}${c.error ? `: ${c.error}` : ''}`
          : c.health !== 'healthy' && c.health !== 'none'
            ? `health: ${c.health}`
            : undefined;
    containers.push({ name, running: c.running, healthy: healthy && c.lab === l.lab.root, status: c.status, health: c.health, ...(problem !== undefined && { problem }) });
  }
  const problems = containers.filter((c) => c.problem !== undefined).map((c) => `${c.name}: ${c.problem}`);
  const service = await system.serviceProblem();
  if (service !== undefined) problems.push(service);
  return { name: system.name, healthy: problems.length === 0, containers, problems };
}

/** The systems this lab has set up (their folder exists). */
export function systemsUp(l: Lab): LabSystem[] {
  return SYSTEMS.filter((s) => existsSync(l.lab.systemDir(s.name)));
}

export async function labStatus(l: Lab): Promise<LabStatus> {
  const systems: SystemStatus[] = [];
  for (const s of systemsUp(l)) systems.push(await systemStatus(l, s));
  return { dockerHost: l.info.dockerHost, labDir: l.lab.root, systems };
}

/** Waits until a system is healthy (or the time is up); returns the last status. */
export async function waitHealthy(l: Lab, system: LabSystem, timeoutMs: number): Promise<SystemStatus> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const s = await systemStatus(l, system);
    if (s.healthy || Date.now() > until) return s;
    await new Promise((r) => setTimeout(r, 2000));
  }
}
