/**
 * Paw Paw Torreón (production compose): PostgreSQL 15 `pawpaw_db_prod` and the
 * backend (`pawpaw_backend_1`, scalable: RB-03) on the internal network, Nginx
 * `pawpaw_nginx` in front on 127.0.0.1:4000 (HTTPS on :4443, certificate from pebble
 * `pawpaw_pebble`: pawpaw-tls.ts). The system folder holds
 * `docker-compose.prod.yml`, `.env`, `.env.example`, `backups/` and `repo/` (a Git clone of
 * the source, PAW-06, with the development compose, PAW-02: pawpaw-repo.ts).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assetsDir } from '../paths.js';
import { pgCounts } from './counts.js';
import { seedDumpGz } from './dump.js';
import { healthProblem } from './http.js';
import { writePawpawRepo } from './pawpaw-repo.js';
import { ensureCertificate, letsencryptDir, PAWPAW_CERTBOT_COMPOSE, PAWPAW_DOMAIN, PAWPAW_HTTPS_PORT, PAWPAW_PEBBLE } from './pawpaw-tls.js';
import { fillTemplate, withImages } from './template.js';
import type { LabSystem, SystemContext } from './types.js';

export const PAWPAW_DB = 'pawpaw_db_prod';
/** The backend's first replica (compose names scaled containers `<project>_<service>_<n>`). */
export const PAWPAW_BE = 'pawpaw_backend_1';
export const PAWPAW_NGINX = 'pawpaw_nginx';
export const PAWPAW_SEED_BACKUP = 'backup_seed.sql.gz';
export const PAWPAW_COMPOSE = 'docker-compose.prod.yml';

export async function pawpawSql(ctx: SystemContext, sql: string): Promise<string> {
  return ctx.docker.out(['exec', '-i', PAWPAW_DB, 'psql', '-X', '-v', 'ON_ERROR_STOP=1', '-At', '-U', 'postgres', '-d', 'pawpaw_db'], { input: sql });
}

export const pawpaw: LabSystem = {
  name: 'pawpaw',
  containers: [PAWPAW_DB, PAWPAW_BE, PAWPAW_NGINX, PAWPAW_PEBBLE],
  images: [
    { name: 'pawpaw-postgres', context: 'images/postgres' },
    { name: 'pawpaw-backend', context: 'images/pawpaw-backend' },
    { name: 'pawpaw-nginx', context: 'images/pawpaw-nginx' },
    { name: 'pawpaw-acme', context: 'images/pawpaw-acme' },
  ],
  ports: [4000, PAWPAW_HTTPS_PORT],
  deployDir: (dir) => dir,
  composeFile: PAWPAW_COMPOSE,
  prepare(ctx, fresh) {
    mkdirSync(join(ctx.dir, 'backups'), { recursive: true });
    mkdirSync(letsencryptDir(ctx), { recursive: true });
    const compose = join(ctx.dir, PAWPAW_COMPOSE);
    copyFileSync(join(assetsDir(), 'systems', 'pawpaw', PAWPAW_COMPOSE), compose);
    copyFileSync(join(assetsDir(), 'systems', 'pawpaw', PAWPAW_CERTBOT_COMPOSE), join(ctx.dir, PAWPAW_CERTBOT_COMPOSE));
    // The repository's template, which PAW-03 (deploy to production) compares `.env` with.
    copyFileSync(join(assetsDir(), 'systems', 'pawpaw', 'env.example'), join(ctx.dir, '.env.example'));
    const env = join(ctx.dir, '.env');
    const images = { POSTGRES_IMAGE: ctx.images['pawpaw-postgres'] ?? '', BACKEND_IMAGE: ctx.images['pawpaw-backend'] ?? '', NGINX_IMAGE: ctx.images['pawpaw-nginx'] ?? '', ACME_IMAGE: ctx.images['pawpaw-acme'] ?? '' };
    // HTTPS_PORT and TLS_DOMAIN are the lab's (PAW-05), kept up to date in an older `.env` too.
    const tls = { HTTPS_PORT: String(PAWPAW_HTTPS_PORT), TLS_DOMAIN: PAWPAW_DOMAIN };
    if (fresh || !existsSync(env)) writeFileSync(env, fillTemplate('pawpaw', { ...images, ...tls, LAB_ID: ctx.lab.root }), { mode: 0o600 });
    else writeFileSync(env, withImages(readFileSync(env, 'utf8'), { ...images, ...tls }), { mode: 0o600 });
    // PAW-06's clone of the repository (backend and frontend, lockfiles, tests, build), with
    // PAW-02's development compose.
    writePawpawRepo(ctx.dir, fresh, { POSTGRES_IMAGE: images.POSTGRES_IMAGE, BACKEND_IMAGE: images.BACKEND_IMAGE, LAB_ID: ctx.lab.root });
  },
  serviceProblem: () => healthProblem('http://127.0.0.1:4000/health'),
  async seed(ctx) {
    const file = join(ctx.dir, 'backups', PAWPAW_SEED_BACKUP);
    await seedDumpGz(ctx.docker, PAWPAW_DB, ['pg_dump', '-U', 'postgres', '-d', 'pawpaw_db'], file);
    await ensureCertificate(ctx, PAWPAW_NGINX);
  },
  seedCounts: { users: 4, pets: 6, adoptions: 2 },
  counts: (ctx) => pgCounts((sql) => pawpawSql(ctx, sql), Object.keys(pawpaw.seedCounts)),
};
