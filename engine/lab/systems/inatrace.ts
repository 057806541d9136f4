/**
 * INATrace staging (Fortaleza), as the course manual describes it: MariaDB
 * `inatrace-mysql-test-fortaleza` (for MySQL 8) and the backend
 * `inatrace-be-test-fortaleza` on 127.0.0.1:8082. The system folder stands
 * for `/opt/inatrace`: `backend/test/fortaleza` (compose + .env), `backups`, `uploads`.
 * The database image is written literally on the compose file's `image:` line, by its
 * version (`runbook-lab/mariadb:10.11.x`), as the manual writes `image: mysql:8.0.35`;
 * INA-05's upgrade target (MariaDB 11.8 on Debian 13) is built beside it.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assetsDir } from '../paths.js';
import { fillTemplate } from './template.js';
import { MARIADB_REPO, SEED_DB_IMAGE, SEED_DB_VERSION_TAG, tagDatabaseVersions, TARGET_DB_IMAGE, TARGET_DB_VERSION_TAG } from './inatrace-mariadb.js';
import { dumpGz } from './dump.js';
import { healthProblem } from './http.js';
import type { LabSystem, SystemContext } from './types.js';

export const INATRACE_DB = 'inatrace-mysql-test-fortaleza';
export const INATRACE_BE = 'inatrace-be-test-fortaleza';
export const INATRACE_TAG = 'test-abc1234';
export const SEED_BACKUP = 'inatrace-seed.sql.gz';
export const BACKEND_REPO = 'runbook-lab/inatrace-backend';

function deployDir(dir: string): string {
  return join(dir, 'backend', 'test', 'fortaleza');
}

function envFile(ctx: SystemContext): string {
  const template = readFileSync(join(assetsDir(), 'systems', 'inatrace', 'env.template'), 'utf8');
  const values: Record<string, string> = {
    TAG: INATRACE_TAG,
    BACKEND_IMAGE: BACKEND_REPO,
    MYSQL_PORT: '3306',
    UPLOADS_DIR: join(ctx.dir, 'uploads'),
    LAB_ID: ctx.lab.root,
  };
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? '');
}

/** SQL as root inside the database container (password from the container's own env). */
export async function rootSql(ctx: SystemContext, sql: string): Promise<string> {
  return ctx.docker.out(['exec', '-i', INATRACE_DB, 'sh', '-c', 'MYSQL_PWD="$MYSQL_ROOT_PASSWORD" mysql -u root -N -B "$MYSQL_DATABASE"'], { input: sql });
}

export async function dumpTo(ctx: SystemContext, file: string): Promise<void> {
  const dump = 'MYSQL_PWD="$MYSQL_ROOT_PASSWORD" mysqldump -u root --single-transaction --routines --triggers "$MYSQL_DATABASE"';
  await dumpGz(ctx.docker, INATRACE_DB, ['sh', '-c', dump], file);
}

export const inatrace: LabSystem = {
  name: 'inatrace',
  containers: [INATRACE_DB, INATRACE_BE],
  images: [
    { name: SEED_DB_IMAGE, context: 'images/mariadb' },
    { name: TARGET_DB_IMAGE, context: 'images/mariadb', base: 'trixie' },
    { name: 'inatrace-backend', context: 'images/inatrace-backend' },
  ],
  ports: [8082, 3306],
  deployDir,
  prepare(ctx, fresh) {
    const deploy = deployDir(ctx.dir);
    for (const d of [deploy, join(ctx.dir, 'backups'), join(ctx.dir, 'uploads')]) mkdirSync(d, { recursive: true });
    const compose = join(deploy, 'docker-compose.yml');
    writeFileSync(compose, fillTemplate('inatrace', { MYSQL_IMAGE: databaseImage(ctx, compose, fresh) }, 'docker-compose.yml'));
    const env = join(deploy, '.env');
    if (fresh || !existsSync(env)) writeFileSync(env, envFile(ctx), { mode: 0o600 });
  },
  async afterBuild(ctx) {
    await tagBackend(ctx);
    await tagDatabaseVersions(ctx);
  },
  serviceProblem: () => healthProblem('http://127.0.0.1:8082/actuator/health'),
  async seed(ctx) {
    const file = join(ctx.dir, 'backups', SEED_BACKUP);
    if (!existsSync(file)) await dumpTo(ctx, file);
    seedPreDeployBackup(join(ctx.dir, 'backups'), file);
  },
  seedCounts: { User: 8, Company: 5, CompanyUser: 7, Product: 4 },
  async counts(ctx) {
    const tables = Object.keys(inatrace.seedCounts);
    const out = await rootSql(ctx, tables.map((t) => `SELECT '${t}', COUNT(*) FROM \`${t}\`;`).join('\n'));
    const counts: Record<string, number> = {};
    for (const line of out.split('\n')) {
      const [table, n] = line.split('\t');
      if (table && n) counts[table] = Number(n);
    }
    return counts;
  },
};

/**
 * The database image for the compose file: the seed server's version tag, or, when the system is
 * kept (`up`, not `reset`) and INA-05 moved it to the upgrade target, the target's (its data
 * directory is upgraded: going back to 10.11 is INA-05's rollback, or `lab reset`).
 */
function databaseImage(ctx: SystemContext, compose: string, fresh: boolean): string {
  const seed = ctx.images[SEED_DB_VERSION_TAG] ?? '';
  const target = ctx.images[TARGET_DB_VERSION_TAG];
  if (fresh || target === undefined || !existsSync(compose)) return seed;
  const written = readFileSync(compose, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith(`image: ${MARIADB_REPO}:`))
    .map((line) => line.slice('image: '.length));
  return written.includes(target) ? target : seed;
}

/**
 * The backup Jenkins makes before each production deploy (`backup-<date>-pre-deploy.sql.gz`,
 * INA-11): a copy of the seed backup, made when the folder has none.
 */
export function seedPreDeployBackup(backups: string, seed: string, now = new Date()): void {
  if (readdirSync(backups).some((f) => f.startsWith('backup-') && f.endsWith('-pre-deploy.sql.gz'))) return;
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const file = join(backups, `backup-${stamp}-pre-deploy.sql.gz`);
  copyFileSync(seed, file);
  chmodSync(file, 0o600);
}

/** The backend image is also tagged with the `.env` TAG, as a registry image would be. */
export async function tagBackend(ctx: SystemContext): Promise<void> {
  const built = ctx.images['inatrace-backend'];
  if (built) await ctx.docker.out(['tag', built, `${BACKEND_REPO}:${INATRACE_TAG}`]);
}
