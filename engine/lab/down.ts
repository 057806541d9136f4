/**
 * `lab down [--purge]`: removes the containers, networks and volumes that carry
 * this lab's label (nothing else), keeps the built images unless `--purge`, and
 * stops the private dockerd if the lab started one; the crontab lines that run a
 * file of the lab (INA-12 played in the lab) go too.
 */
import { existsSync, rmSync } from 'node:fs';
import { removeLabCronLines } from './crontab.js';
import { FailedError } from '../errors.js';
import { answers, startPrivateEngine, stopPrivateEngine } from './docker/daemon.js';
import { labelled } from './docker/inspect.js';
import { readEngineInfo } from './engine-file.js';
import { LAB_LABEL, layout } from './paths.js';
import { openLab } from './session.js';
import { SYSTEMS } from './systems/index.js';

export interface DownResult {
  containers: string[];
  networks: string[];
  volumes: string[];
  images: number;
  engineStopped: boolean;
  /** Lines of the user's crontab that ran a file of this lab (INA-12 in the lab), removed. */
  cronLines: number;
}

export async function labDown(root: string, env: NodeJS.ProcessEnv, purge: boolean): Promise<DownResult> {
  const lab = layout(root);
  const result: DownResult = { containers: [], networks: [], volumes: [], images: 0, engineStopped: false, cronLines: 0 };
  const info = readEngineInfo(lab.engineFile);
  if (info) {
    // After a reboot the lab's own engine is not running: start it again to remove what the lab
    // made, rather than forget the lab and leave its containers and volumes behind. An engine the
    // lab did not start is not ours to start: refuse, and keep everything as it is.
    if (!(await answers(info.dockerHost, env))) {
      if (!info.private) throw new FailedError('lab.engineGone', { host: info.dockerHost, dir: root });
      await startPrivateEngine(lab, env);
    }
    const { docker } = await openLab(root, env);
    result.containers = await labelled(docker, 'container', root);
    if (result.containers.length) await docker.out(['rm', '-f', '-v', ...result.containers]);
    result.networks = await labelled(docker, 'network', root);
    if (result.networks.length) await docker.out(['network', 'rm', ...result.networks]);
    result.volumes = await labelled(docker, 'volume', root);
    if (result.volumes.length) await docker.out(['volume', 'rm', ...result.volumes]);
    if (purge) {
      const ids = [...new Set((await docker.out(['images', '-q', '--filter', `label=${LAB_LABEL}=${root}`])).split('\n').filter((l) => l.trim() !== ''))];
      if (ids.length) await docker.run(['rmi', '-f', ...ids], { timeoutMs: 300_000 });
      result.images = ids.length;
    }
  }
  if (info?.private) result.engineStopped = await stopPrivateEngine(lab);
  result.cronLines = await removeLabCronLines(root);
  for (const s of SYSTEMS) rmSync(lab.systemDir(s.name), { recursive: true, force: true });
  for (const f of [lab.engineFile, lab.faultsFile]) if (existsSync(f)) rmSync(f);
  if (purge) rmSync(lab.engineDir, { recursive: true, force: true });
  return result;
}
