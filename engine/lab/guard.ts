/** What `up` refuses: a same-named container the lab did not make, a port held by something else. */
import { createServer } from 'node:net';
import { FailedError } from '../errors.js';
import { inspectContainer } from './docker/inspect.js';
import { describeHolder, portHolder } from './port-holder.js';
import type { Lab } from './session.js';
import type { LabSystem } from './systems/types.js';

export async function refuseForeignContainers(l: Lab, system: LabSystem): Promise<void> {
  for (const name of system.containers) {
    const c = await inspectContainer(l.docker, name);
    if (c.exists && c.lab !== l.lab.root) throw new FailedError('lab.foreignContainer', { name, dir: l.lab.root });
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function publishedByUs(l: Lab, system: LabSystem, port: number): Promise<boolean> {
  for (const name of system.containers) {
    const r = await l.docker.run(['port', name], { timeoutMs: 10_000 });
    if (r.exitCode === 0 && r.stdout.split('\n').some((line) => line.trim().endsWith(`:${port}`))) return true;
  }
  return false;
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
 * A port is fine when it is free or when one of this system's running containers publishes it.
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
