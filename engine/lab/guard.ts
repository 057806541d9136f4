/** What `up` refuses: a same-named container the lab did not make, a port held by something else. */
import { createServer } from 'node:net';
import { FailedError } from '../errors.js';
import { inspectContainer } from './docker/inspect.js';
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

/** A port is fine when it is free or when one of this system's running containers publishes it. */
export async function refuseTakenPorts(l: Lab, system: LabSystem): Promise<void> {
  for (const port of system.ports) {
    if (await portFree(port)) continue;
    let ours = false;
    for (const name of system.containers) {
      const r = await l.docker.run(['port', name], { timeoutMs: 10_000 });
      if (r.exitCode === 0 && r.stdout.split('\n').some((line) => line.trim().endsWith(`:${port}`))) ours = true;
    }
    if (!ours) throw new FailedError('lab.portTaken', { port, system: system.name });
  }
}
