/** `docker inspect` of containers, read with type guards (no casts on unknown JSON). */
import { LAB_LABEL } from '../paths.js';
import type { Docker } from './cli.js';

export interface ContainerInfo {
  name: string;
  exists: boolean;
  running: boolean;
  status: string;
  /** healthy | unhealthy | starting | none */
  health: string;
  /** Value of the lab label, if any. */
  lab?: string;
  restarting: boolean;
  error: string;
}

export function get(value: unknown, ...path: string[]): unknown {
  let v = value;
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = Object.entries(v).find(([k]) => k === key)?.[1];
  }
  return v;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export async function inspectContainer(docker: Docker, name: string): Promise<ContainerInfo> {
  const r = await docker.run(['container', 'inspect', '--format', '{{json .}}', name], { timeoutMs: 20_000 });
  if (r.exitCode !== 0) return { name, exists: false, running: false, status: 'missing', health: 'none', restarting: false, error: '' };
  let data: unknown;
  try {
    data = JSON.parse(r.stdout);
  } catch {
    data = undefined;
  }
  const label = get(data, 'Config', 'Labels', LAB_LABEL);
  return {
    name,
    exists: true,
    running: get(data, 'State', 'Running') === true,
    restarting: get(data, 'State', 'Restarting') === true,
    status: str(get(data, 'State', 'Status')),
    health: str(get(data, 'State', 'Health', 'Status')) || 'none',
    ...(typeof label === 'string' && { lab: label }),
    error: str(get(data, 'State', 'Error')),
  };
}

/** Names of the lab's containers, networks or volumes (by label). */
export async function labelled(docker: Docker, kind: 'container' | 'network' | 'volume', labRoot: string): Promise<string[]> {
  const format = kind === 'container' ? '{{.Names}}' : '{{.Name}}';
  const args = kind === 'container' ? ['ps', '-a'] : [kind, 'ls'];
  const out = await docker.out([...args, '--filter', `label=${LAB_LABEL}=${labRoot}`, '--format', format]);
  return out.split('\n').map((l) => l.trim()).filter((l) => l !== '');
}
