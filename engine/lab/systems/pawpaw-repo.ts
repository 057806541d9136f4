/**
 * Paw Paw's repository in the lab (PAW-06, dependency update): a small real Node project as a
 * Git clone under the system folder, `<lab>/systems/pawpaw/repo`, on a work branch (PAW-06 refuses
 * `main`). `backend/` is the lab backend's own source (`lab/images/pawpaw-backend/`) with a
 * `package.json` and node:test tests; `frontend/` renders a page at build time with Eta, pinned in
 * its lockfile to an older version than its range allows, so `npm update` really changes it.
 * `docker-compose.yml` is the development compose (PAW-02: `pawpaw_db_dev`, `pawpaw_backend_dev`
 * with `./backend` mounted under `node --watch`, on 127.0.0.1:4001); its `.env` (not in Git) holds
 * the lab's images, written at every `up` since images are tagged by content.
 * Written when missing, and afresh by `lab reset`.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FailedError } from '../../errors.js';
import { assetsDir } from '../paths.js';
import { fillTemplate } from './template.js';

export const PAWPAW_REPO = 'repo';
/** The work branch the clone is left on (`main` would deploy on push, says the manual). */
export const PAWPAW_WORK_BRANCH = 'actualizacion-dependencias';
/** PAW-02's development stack: its containers and host ports (production has 4000 and 4443). */
export const PAWPAW_DEV_BACKEND = 'pawpaw_backend_dev';
export const PAWPAW_DEV_DB = 'pawpaw_db_dev';
export const PAWPAW_DEV_BACKEND_PORT = 4001;
export const PAWPAW_DEV_DB_PORT = 5433;

function git(dir: string, args: string[]): void {
  const config = ['-c', 'user.name=Laboratorio runbook', '-c', 'user.email=lab@pawpaw.lab.test', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main'];
  try {
    execFileSync('git', [...config, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' } });
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n').slice(0, 3).join(' | ') : String(error);
    throw new FailedError('lab.gitFailed', { dir, command: `git ${args.join(' ')}`, detail });
  }
}

/** The development compose's `.env`: the lab's images (`POSTGRES_IMAGE`, `BACKEND_IMAGE`) and label. */
function writeDevEnv(dir: string, values: Record<string, string>): void {
  const ports = { DEV_BACKEND_PORT: String(PAWPAW_DEV_BACKEND_PORT), DEV_DB_PORT: String(PAWPAW_DEV_DB_PORT) };
  writeFileSync(join(dir, '.env'), fillTemplate('pawpaw', { ...values, ...ports }, 'env.dev.template'), { mode: 0o600 });
}

export function writePawpawRepo(systemDir: string, fresh: boolean, devEnv: Record<string, string>): void {
  const dir = join(systemDir, PAWPAW_REPO);
  if (!fresh && existsSync(join(dir, '.git'))) {
    writeDevEnv(dir, devEnv);
    return;
  }
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(assetsDir(), 'systems', 'pawpaw', PAWPAW_REPO), dir, { recursive: true });
  // Kept as `gitignore` in this repository, so that it ignores nothing here.
  renameSync(join(dir, 'gitignore'), join(dir, '.gitignore'));
  for (const file of ['server.mjs', 'schema.sql']) copyFileSync(join(assetsDir(), 'images', 'pawpaw-backend', file), join(dir, 'backend', file));
  git(dir, ['init', '-q']);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'Paw Paw Torreón: backend y frontend']);
  git(dir, ['checkout', '-q', '-b', PAWPAW_WORK_BRANCH]);
  writeDevEnv(dir, devEnv);
}
