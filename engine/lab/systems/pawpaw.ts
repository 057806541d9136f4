/**
 * Paw Paw Torreón (production compose): PostgreSQL 15 `pawpaw_db_prod` on the
 * internal network and the backend `pawpaw_backend` on 127.0.0.1:4000. The
 * system folder holds `docker-compose.prod.yml`, `.env` and `backups/`.
 */
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { FailedError } from '../../errors.js';
import { assetsDir } from '../paths.js';
import { pgCounts } from './counts.js';
import { healthProblem } from './http.js';
import { fillTemplate } from './template.js';
import type { LabSystem, SystemContext } from './types.js';

export const PAWPAW_DB = 'pawpaw_db_prod';
export const PAWPAW_BE = 'pawpaw_backend';
export const PAWPAW_SEED_BACKUP = 'backup_seed.sql.gz';
export const PAWPAW_COMPOSE = 'docker-compose.prod.yml';

export async function pawpawSql(ctx: SystemContext, sql: string): Promise<string> {
  return ctx.docker.out(['exec', '-i', PAWPAW_DB, 'psql', '-X', '-v', 'ON_ERROR_STOP=1', '-At', '-U', 'postgres', '-d', 'pawpaw_db'], { input: sql });
}

async function dump(ctx: SystemContext, file: string): Promise<void> {
  const r = await execa('bash', ['-c', 'set -o pipefail; docker exec "$1" pg_dump -U postgres -d pawpaw_db | gzip -9 > "$2.partial" && mv "$2.partial" "$2"', 'bash', PAWPAW_DB, file], {
    env: ctx.docker.env,
    extendEnv: false,
    reject: false,
    all: true,
  });
  if (r.exitCode !== 0) throw new FailedError('lab.dumpFailed', { file, detail: String(r.all ?? '').trim() });
}

export const pawpaw: LabSystem = {
  name: 'pawpaw',
  containers: [PAWPAW_DB, PAWPAW_BE],
  images: [
    { name: 'pawpaw-postgres', context: 'images/postgres' },
    { name: 'pawpaw-backend', context: 'images/pawpaw-backend' },
  ],
  ports: [4000],
  deployDir: (dir) => dir,
  composeFile: PAWPAW_COMPOSE,
  prepare(ctx, fresh) {
    mkdirSync(join(ctx.dir, 'backups'), { recursive: true });
    const compose = join(ctx.dir, PAWPAW_COMPOSE);
    copyFileSync(join(assetsDir(), 'systems', 'pawpaw', PAWPAW_COMPOSE), compose);
    const env = join(ctx.dir, '.env');
    const values = { POSTGRES_IMAGE: ctx.images['pawpaw-postgres'] ?? '', BACKEND_IMAGE: ctx.images['pawpaw-backend'] ?? '', LAB_ID: ctx.lab.root };
    if (fresh || !existsSync(env)) writeFileSync(env, fillTemplate('pawpaw', values), { mode: 0o600 });
  },
  serviceProblem: () => healthProblem('http://127.0.0.1:4000/health'),
  async seed(ctx) {
    const file = join(ctx.dir, 'backups', PAWPAW_SEED_BACKUP);
    if (!existsSync(file)) await dump(ctx, file);
  },
  seedCounts: { users: 4, pets: 6, adoptions: 2 },
  counts: (ctx) => pgCounts((sql) => pawpawSql(ctx, sql), Object.keys(pawpaw.seedCounts)),
};
