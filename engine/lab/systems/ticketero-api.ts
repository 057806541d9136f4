/**
 * Ticketero API (production compose), as the operations guide describes it: PostgreSQL 15
 * `ticketero-postgres`, RabbitMQ `ticketero-rabbitmq`, the API `ticketero-api` on 127.0.0.1:8080,
 * a stand-in for the Telegram Bot API `ticketero-telegram` on 127.0.0.1:8081 and Prometheus
 * `ticketero-prometheus` on 127.0.0.1:9090 (scraping the API, the manual's alert rules). The system
 * folder holds `docker-compose.prod.yml`, `.env.prod` (`.env` links to it), Spring's
 * `application-prod.yml` (mounted in the API: its pool size is honoured, TKA-18 raises it),
 * `backups/postgres` (the manual's `/backups/postgres`), `logs` (`/logs`), `incidents` and
 * `scripts/smoke-test.sh`.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assetsDir } from '../paths.js';
import { seedDumpGz } from './dump.js';
import { healthProblem } from './http.js';
import { fillTemplate, withImages } from './template.js';
import type { LabSystem, SystemContext } from './types.js';

export const TKA_SYSTEM = 'ticketero-api';
export const TKA_DB = 'ticketero-postgres';
export const TKA_RABBIT = 'ticketero-rabbitmq';
export const TKA_API = 'ticketero-api';
export const TKA_TELEGRAM = 'ticketero-telegram';
/** The manual's monitoring: Prometheus on 9090, scraping the API, with the alert rules of its table. */
export const TKA_PROMETHEUS = 'ticketero-prometheus';
export const TKA_COMPOSE = 'docker-compose.prod.yml';
/** Spring's production configuration, mounted read-only as the API's `/app/config/application-prod.yml`. */
export const TKA_APP_CONFIG = 'application-prod.yml';
export const TKA_IMAGE_REPO = 'runbook-lab/ticketero-api';
/** The running version (`NEW_VERSION` in `.env.prod`), an older one for the rollbacks, a newer one for TKA-02's deploy. */
export const TKA_VERSION = '1.4.0';
export const TKA_PREVIOUS_VERSION = '1.3.0';
export const TKA_NEXT_VERSION = '1.5.0';
/** The version of the `broken-image` fault: a hotfix that needs an environment variable `.env.prod` does not have, so it exits at start. */
export const TKA_BROKEN_VERSION = '1.4.1';
/** The project's smoke test (TKA-02's `./scripts/smoke-test.sh`). */
export const TKA_SMOKE_TEST = join('scripts', 'smoke-test.sh');
export const TKA_SEED_BACKUP = 'ticketero_backup_seed.sql.gz';
/** The `broken-backup` fault's file: not `ticketero_backup_*`, so TKA-08 never takes it for the newest backup. */
export const TKA_BROKEN_BACKUP = 'ticketero-broken.sql.gz';
export const TKA_BOT_TOKEN = '7000000001:AAlab-ticketero-bot-token';
export const TKA_API_URL = 'http://127.0.0.1:8080';
export const TKA_TELEGRAM_URL = 'http://127.0.0.1:8081';
/** Seed rows: their ids are the seed's (tickets the runbooks create later have higher ids). */
const SEED_ROWS: Record<string, { rows: number; maxId: number }> = { ticket: { rows: 12, maxId: 12 }, mensaje: { rows: 20, maxId: 23 } };

export const backupsDir = (dir: string): string => join(dir, 'backups', 'postgres');
/** PostgreSQL's WAL archive (`/backup/wal` in the container) and TKA-15's base backups (`/backup/base`). */
export const walArchiveDir = (dir: string): string => join(dir, 'backups', 'wal');
export const baseBackupsDir = (dir: string): string => join(dir, 'backups', 'base');

export async function tkaSql(ctx: Pick<SystemContext, 'docker'>, sql: string, user = 'ticketero_user'): Promise<string> {
  return ctx.docker.out(['exec', '-i', TKA_DB, 'psql', '-X', '-v', 'ON_ERROR_STOP=1', '-At', '-U', user, '-d', user === 'postgres' ? 'postgres' : 'ticketero'], { input: sql });
}

export const ticketeroApi: LabSystem = {
  name: TKA_SYSTEM,
  containers: [TKA_DB, TKA_RABBIT, TKA_TELEGRAM, TKA_API, TKA_PROMETHEUS],
  images: [
    { name: 'ticketero-postgres', context: 'images/postgres' },
    { name: 'ticketero-rabbitmq', context: 'images/rabbitmq' },
    { name: 'ticketero-api-build', context: 'images/ticketero-api' },
    { name: 'ticketero-prometheus', context: 'images/prometheus' },
  ],
  ports: [8080, 8081, 5432, 5672, 15672, 9090],
  deployDir: (dir) => dir,
  composeFile: TKA_COMPOSE,
  prepare(ctx, fresh) {
    // A fresh database starts a new WAL history: the old archive's segment names would clash with it.
    if (fresh) for (const d of [walArchiveDir(ctx.dir), baseBackupsDir(ctx.dir)]) rmSync(d, { recursive: true, force: true });
    for (const d of [walArchiveDir(ctx.dir), baseBackupsDir(ctx.dir)]) mkdirSync(d, { recursive: true, mode: 0o700 });
    for (const d of [backupsDir(ctx.dir), join(ctx.dir, 'logs'), join(ctx.dir, 'incidents')]) mkdirSync(d, { recursive: true, mode: 0o700 });
    copyFileSync(join(assetsDir(), 'systems', TKA_SYSTEM, TKA_COMPOSE), join(ctx.dir, TKA_COMPOSE));
    mkdirSync(join(ctx.dir, 'scripts'), { recursive: true });
    copyFileSync(join(assetsDir(), 'systems', TKA_SYSTEM, 'smoke-test.sh'), join(ctx.dir, TKA_SMOKE_TEST));
    chmodSync(join(ctx.dir, TKA_SMOKE_TEST), 0o755);
    const env = join(ctx.dir, '.env.prod');
    const values = {
      NEW_VERSION: TKA_VERSION,
      POSTGRES_IMAGE: ctx.images['ticketero-postgres'] ?? '',
      RABBITMQ_IMAGE: ctx.images['ticketero-rabbitmq'] ?? '',
      TELEGRAM_IMAGE: ctx.images['ticketero-api-build'] ?? '',
      PROMETHEUS_IMAGE: ctx.images['ticketero-prometheus'] ?? '',
      TELEGRAM_BOT_TOKEN: TKA_BOT_TOKEN,
      LAB_ID: ctx.lab.root,
    };
    if (fresh || !existsSync(env)) writeFileSync(env, fillTemplate(TKA_SYSTEM, values), { mode: 0o600 });
    else writeFileSync(env, withImages(readFileSync(env, 'utf8'), { LAB_POSTGRES_IMAGE: values.POSTGRES_IMAGE, LAB_RABBITMQ_IMAGE: values.RABBITMQ_IMAGE, LAB_TELEGRAM_IMAGE: values.TELEGRAM_IMAGE, LAB_PROMETHEUS_IMAGE: values.PROMETHEUS_IMAGE }), { mode: 0o600 });
    if (!existsSync(join(ctx.dir, '.env'))) symlinkSync('.env.prod', join(ctx.dir, '.env'));
    // Kept like `.env.prod` (an operator's tuning, TKA-18), written again only on a fresh lab.
    const appConfig = join(ctx.dir, TKA_APP_CONFIG);
    if (fresh || !existsSync(appConfig)) copyFileSync(join(assetsDir(), 'systems', TKA_SYSTEM, TKA_APP_CONFIG), appConfig);
  },
  /** The API image under the versions `.env.prod`, the rollbacks and TKA-02's deploy name, as a registry's would be. */
  async afterBuild(ctx) {
    const built = ctx.images['ticketero-api-build'];
    if (!built) return;
    for (const version of [TKA_PREVIOUS_VERSION, TKA_VERSION, TKA_NEXT_VERSION]) await ctx.docker.out(['tag', built, `${TKA_IMAGE_REPO}:${version}`]);
  },
  serviceProblem: () => healthProblem(`${TKA_API_URL}/actuator/health`),
  async seed(ctx) {
    // As with the official image's POSTGRES_USER, the application user is the superuser (TKA-08/TKA-14 recreate the database).
    await tkaSql(ctx, 'ALTER ROLE ticketero_user SUPERUSER;', 'postgres');
    const file = join(backupsDir(ctx.dir), TKA_SEED_BACKUP);
    await seedDumpGz(ctx.docker, TKA_DB, ['pg_dump', '-U', 'ticketero_user', '-d', 'ticketero', '--clean', '--if-exists', '--no-owner', '--no-privileges'], file);
  },
  seedCounts: Object.fromEntries(Object.entries(SEED_ROWS).map(([t, s]) => [t, s.rows])),
  async counts(ctx) {
    const out = await tkaSql(ctx, Object.entries(SEED_ROWS).map(([t, s]) => `SELECT '${t}|' || count(*) FROM ${t} WHERE id <= ${s.maxId};`).join('\n'));
    const counts: Record<string, number> = {};
    for (const line of out.split('\n')) {
      const [table, n] = line.split('|');
      if (table && n) counts[table] = Number(n);
    }
    return counts;
  },
};
