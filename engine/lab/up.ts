/** `lab up [SYSTEM…]`: engine, base image, images, containers, health, seed backup — idempotent, with listr2 progress. */
import { Listr } from 'listr2';
import { join } from 'node:path';
import { FailedError } from '../errors.js';
import type { Translate } from '../i18n/translate.js';
import { compose } from './compose.js';
import { buildImage, ensureBaseImage } from './docker/images.js';
import { refuseForeignContainers, refuseForeignVolumes, refuseTakenPorts } from './guard.js';
import { assetsDir } from './paths.js';
import { removeStaleContainers } from './stale.js';
import { startLab, systemContext, type Lab } from './session.js';
import { waitHealthy } from './status.js';
import type { LabSystem } from './systems/types.js';

interface UpState {
  lab?: Lab;
  images: Record<string, string>;
}

function need(state: UpState): Lab {
  if (!state.lab) throw new Error('lab not started');
  return state.lab;
}

export function systemTasks(system: LabSystem, state: UpState, t: Translate, fresh: boolean) {
  return [
    {
      title: t('lab.task.build', { system: system.name }),
      task: async () => {
        const l = need(state);
        for (const image of system.images) {
          if (image.base !== undefined) await ensureBaseImage(l.docker, l.lab, image.base);
          state.images[image.name] = (await buildImage(l.docker, l.lab, image.name, join(assetsDir(), image.context), image.base)).tag;
        }
        await system.afterBuild?.(systemContext(l, system, state.images));
      },
    },
    {
      title: t('lab.task.guard', { system: system.name }),
      task: async () => {
        await removeStaleContainers(need(state), system);
        await refuseForeignContainers(need(state), system);
        await refuseForeignVolumes(need(state), system);
        await refuseTakenPorts(need(state), system);
      },
    },
    {
      title: t('lab.task.start', { system: system.name }),
      task: async () => {
        const l = need(state);
        system.prepare(systemContext(l, system, state.images), fresh);
        await compose(l, system, ['up', '-d']);
      },
    },
    {
      title: t('lab.task.healthy', { system: system.name }),
      task: async () => {
        const s = await waitHealthy(need(state), system, 5 * 60_000);
        if (!s.healthy) throw new FailedError('lab.notHealthy', { system: system.name, problems: s.problems.join('; ') });
        await system.seed(systemContext(need(state), system, state.images));
      },
    },
  ];
}

/** How `up` and `reset` show progress: listr2's default renderer on a terminal, plain lines otherwise, nothing under --json. */
export type Progress = 'default' | 'simple' | 'silent';

export async function labUp(root: string, env: NodeJS.ProcessEnv, systems: LabSystem[], t: Translate, progress: Progress): Promise<Lab> {
  const state: UpState = { images: {} };
  const tasks = new Listr(
    [
      { title: t('lab.task.engine'), task: async () => void (state.lab = await startLab(root, env)) },
      { title: t('lab.task.base'), task: async () => void (await ensureBaseImage(need(state).docker, need(state).lab)) },
      ...systems.flatMap((s) => systemTasks(s, state, t, false)),
    ],
    { renderer: progress, exitOnError: true },
  );
  await tasks.run();
  return need(state);
}
