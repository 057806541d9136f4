/** What `up` refuses: a same-named container the lab did not make, another lab's volume, a port held by something else. */
import { createServer } from 'node:net';
import { FailedError } from '../errors.js';
import { inspectContainer } from './docker/inspect.js';
import { LAB_LABEL, SYSTEM_LABEL } from './paths.js';
import { describeHolder, portHolder } from './port-holder.js';
import { labContainers } from './stale.js';
import type { Lab } from './session.js';
import type { LabSystem } from './systems/types.js';

export async function refuseForeignContainers(l: Lab, system: LabSystem): Promise<void> {
  for (const name of system.containers) {
    const c = await inspectContainer(l.docker, name);
    if (c.exists && c.lab !== l.lab.root) throw new FailedError('lab.foreignContainer', { name, dir: l.lab.root });
  }
}

/**
 * A volume of the same system made by another lab root on this engine: compose names volumes by
 * project, so this lab would mount that lab's data (a database initialised with other passwords).
 * It is that lab's data: refused, never reused or removed.
 */
export async function refuseForeignVolumes(l: Lab, system: LabSystem): Promise<void> {
  const r = await l.docker.run(['volume', 'ls', '--filter', `label=${SYSTEM_LABEL}=${system.name}`, '--format', `{{.Name}}\t{{.Label "${LAB_LABEL}"}}`], { timeoutMs: 20_000 });
  if (r.exitCode !== 0) return;
  for (const line of r.stdout.split('\n').filter(Boolean)) {
    const [name = '', owner = ''] = line.split('\t');
    if (owner !== l.lab.root) throw new FailedError('lab.foreignVolume', { name, system: system.name, other: owner, dir: l.lab.root });
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Whether one of this lab's containers of `system` publishes `port` (compose replaces it on up). */
async function publishedByUs(l: Lab, system: LabSystem, port: number): Promise<boolean> {
  return (await labContainers(l, system, ['--filter', `publish=${port}`])).length > 0;
}

/** Containers of any lab (or none) on this engine that publish `port` (their names). */
async function containersPublishing(l: Lab, port: number): Promise<string[]> {
  const r = await l.docker.run(['ps', '--filter', `publish=${port}`, '--format', '{{.Names}}'], { timeoutMs: 10_000 });
  if (r.exitCode !== 0) return [];
  return r.stdout.split('\n').map((n) => n.trim()).filter(Boolean);
}

const PORT_WAIT_MS = 10_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A port is fine when it is free or when one of this lab's containers of the system publishes it.
 * A port held only for a moment (a closing connection) is waited for, up to 10 s; a port still
 * held after that is refused, naming the process that holds it when /proc shows one.
 */
export async function refuseTakenPorts(l: Lab, system: LabSystem): Promise<void> {
  for (const port of system.ports) {
    const until = Date.now() + PORT_WAIT_MS;
    for (;;) {
      if (await portFree(port)) break;
      if (await publishedByUs(l, system, port)) break;
      if (Date.now() >= until) {
        const holder = [...(await containersPublishing(l, port)), describeHolder(await portHolder(port))].filter(Boolean).join(', ');
        if (holder) throw new FailedError('lab.portTakenBy', { port, system: system.name, holder });
        throw new FailedError('lab.portTaken', { port, system: system.name });
      }
      await sleep(500);
    }
  }
}
