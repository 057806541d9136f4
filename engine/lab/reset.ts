/** `lab reset [SYSTEM]`: clears every fault of a system and restores its seed data (fresh volumes, fresh .env). */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Listr } from 'listr2';
import type { Translate } from '../i18n/translate.js';
import { compose } from './compose.js';
import { FAULTS, readInjected, writeInjected } from './faults/index.js';
import { openLab } from './session.js';
import type { LabSystem } from './systems/types.js';
import { systemTasks, type Progress } from './up.js';

export async function labReset(root: string, env: NodeJS.ProcessEnv, systems: LabSystem[], t: Translate, progress: Progress): Promise<void> {
  const l = await openLab(root, env);
  const state = { lab: l, images: {} };
  const tasks = new Listr(
    systems.flatMap((s) => [
      {
        title: t('lab.task.clear', { system: s.name }),
        task: async () => {
          await compose(l, s, ['down', '-v', '--remove-orphans']);
          for (const file of FAULTS.filter((f) => f.system === s.name).flatMap((f) => f.leaves ?? [])) rmSync(join(l.lab.systemDir(s.name), file), { force: true });
          writeInjected(l.lab.faultsFile, readInjected(l.lab.faultsFile).filter((f) => f.system !== s.name));
        },
      },
      ...systemTasks(s, state, t, true),
    ]),
    { renderer: progress, exitOnError: true },
  );
  await tasks.run();
}
