/** `docker compose` in a system's deploy folder, the way the runbooks call it. */
import { FailedError } from '../errors.js';
import type { Lab } from './session.js';
import type { LabSystem } from './systems/types.js';

export async function compose(l: Lab, system: LabSystem, args: string[], timeoutMs = 10 * 60_000): Promise<string> {
  const cwd = system.deployDir(l.lab.systemDir(system.name));
  const file = system.composeFile ? ['-f', system.composeFile] : [];
  const r = await l.docker.run(['compose', ...file, ...args], { cwd, timeoutMs });
  if (r.exitCode !== 0) throw new FailedError('lab.composeCommandFailed', { command: `docker compose ${args.join(' ')}`, detail: (r.stderr || r.stdout).trim().split('\n').slice(-4).join(' | ') });
  return r.stdout;
}
