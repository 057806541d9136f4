/**
 * The lab's place: one root per machine, `--lab-dir`, else `RUNBOOK_LAB_DIR`,
 * else `$XDG_DATA_HOME/runbook/lab` (`~/.local/share/runbook/lab`). Independent
 * of the state dir and of the checkout. Its absolute path is the value of the
 * Docker label that marks everything the lab makes.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { packageRoot } from '../version.js';

export const LAB_LABEL = 'io.runbook.lab';
export const SYSTEM_LABEL = 'io.runbook.lab.system';

export function labDir(env: NodeJS.ProcessEnv, flag: string | undefined, cwd: string): string {
  if (flag) return resolve(cwd, flag);
  if (env.RUNBOOK_LAB_DIR) return resolve(cwd, env.RUNBOOK_LAB_DIR);
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'runbook', 'lab');
}

export interface LabLayout {
  root: string;
  /** The private engine: data root, exec root, socket, pid and log. */
  engineDir: string;
  socket: string;
  /** DOCKER_CONFIG holding the `docker compose` plugin when the host has none. */
  dockerConfig: string;
  /** What `up` found or started: `engine.json`. */
  engineFile: string;
  faultsFile: string;
  examFile: string;
  rootfs: string;
  systemDir(system: string): string;
}

export function layout(root: string): LabLayout {
  const engineDir = join(root, 'docker');
  return {
    root,
    engineDir,
    socket: join(engineDir, 'docker.sock'),
    dockerConfig: join(root, 'docker-config'),
    engineFile: join(root, 'engine.json'),
    faultsFile: join(root, 'faults.json'),
    examFile: join(root, 'exam.json'),
    rootfs: join(root, 'rootfs'),
    systemDir: (system) => join(root, 'systems', system),
  };
}

/** The package's `lab/` folder (Dockerfiles, compose files), wherever the running code was built to. */
export function assetsDir(): string {
  return join(packageRoot(), 'lab');
}
