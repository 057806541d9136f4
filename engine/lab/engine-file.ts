/** `engine.json`: the Docker the lab uses, written by `up`, read by every other command and by `play --env lab`. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface EngineInfo {
  dockerHost: string;
  /** Set when the lab started its own dockerd. */
  private: boolean;
  /** DOCKER_CONFIG with the compose plugin, when the host's docker has no `docker compose`. */
  dockerConfig?: string;
}

function isEngineInfo(value: unknown): value is EngineInfo {
  if (typeof value !== 'object' || value === null) return false;
  const v: Record<string, unknown> = { ...value };
  return typeof v.dockerHost === 'string' && typeof v.private === 'boolean' && (v.dockerConfig === undefined || typeof v.dockerConfig === 'string');
}

export function readEngineInfo(file: string): EngineInfo | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return isEngineInfo(data) ? data : undefined;
  } catch {
    return undefined;
  }
}

export function writeEngineInfo(file: string, info: EngineInfo): void {
  writeFileSync(file, `${JSON.stringify(info, null, 2)}\n`);
}

/** The environment a docker command of the lab runs with. */
export function dockerEnv(info: EngineInfo, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...base, DOCKER_HOST: info.dockerHost, ...(info.dockerConfig !== undefined && { DOCKER_CONFIG: info.dockerConfig }) };
}
