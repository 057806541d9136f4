/**
 * Ticketera SOC, as its operations manual describes it: Docker Compose in the
 * project folder (the manual's `/root/Ticketera`, with `docker-compose.yml`,
 * `.env`, `uploads/`, `backups/`), services `db` (PostgreSQL), `backend`,
 * `frontend` and `nginx`. Only Nginx is published, on 127.0.0.1:8090 (the
 * manual names no port); the backend is reached through it, so a stopped
 * backend is a 502 Bad Gateway.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { FailedError } from '../../errors.js';
import { assetsDir } from '../paths.js';
import { pgCounts } from './counts.js';
import { healthProblem } from './http.js';
import { fillTemplate, withImages } from './template.js';
import type { LabSystem, SystemContext } from './types.js';

export const SOC_SYSTEM = 'ticketera-soc';
export const SOC_DB = 'ticketera_db_1';
export const SOC_BE = 'ticketera_backend_1';
export const SOC_FRONTEND = 'ticketera_frontend_1';
export const SOC_NGINX = 'ticketera_nginx_1';
export const SOC_HTTP_PORT = 8090;
export const SOC_DB_USER = 'ticketera';
export const SOC_DB_NAME = 'ticketera';
export const SOC_SEED_BACKUP = 'db_backup_seed.sql.gz';
export const SOC_SEED_UPLOADS = 'uploads_backup_seed.tar.gz';
export const SOC_HEALTH_URL = `http://127.0.0.1:${SOC_HTTP_PORT}/api/v1/health`;

/** Attachments of the seed tickets (`tickets.attachment`), relative to the project folder. */
const SEED_UPLOADS: Record<string, string> = {
  'uploads/tickets/1/correo.eml': 'From: soporte@banco-falso.example\nSubject: Verifique su cuenta\n\nHaga clic aquí.\n',
  'uploads/tickets/3/muestra.txt': 'SHA256 de la muestra: 0f3a…(laboratorio)\n',
  'uploads/tickets/6/dns.log': 'a1b2c3.exfil.example TXT 120 consultas/min\n',
  'uploads/tickets/10/foto.txt': 'Foto del USB (texto de laboratorio)\n',
};

/** SQL in the database container, as the database's own user (local connections are trusted). */
export async function socSql(ctx: Pick<SystemContext, 'docker'>, sql: string, user = SOC_DB_USER): Promise<string> {
  return ctx.docker.out(['exec', '-i', SOC_DB, 'psql', '-X', '-v', 'ON_ERROR_STOP=1', '-At', '-U', user, '-d', SOC_DB_NAME], { input: sql });
}

/** A private file made by a shell pipeline, renamed into place only when it succeeded. */
async function privateFile(ctx: SystemContext, script: string, args: string[]): Promise<void> {
  const r = await execa('bash', ['--norc', '-c', `set -o pipefail; umask 077; ${script}`, 'bash', ...args], { env: ctx.docker.env, extendEnv: false, reject: false, all: true });
  if (r.exitCode !== 0) throw new FailedError('lab.dumpFailed', { file: args.at(-1) ?? '', detail: String(r.all ?? '').trim() });
}

export const ticketeraSoc: LabSystem = {
  name: SOC_SYSTEM,
  containers: [SOC_DB, SOC_BE, SOC_FRONTEND, SOC_NGINX],
  images: [
    { name: 'ticketera-postgres', context: 'images/postgres' },
    { name: 'ticketera-backend', context: 'images/ticketera-backend' },
    { name: 'ticketera-nginx', context: 'images/ticketera-nginx' },
  ],
  ports: [SOC_HTTP_PORT],
  deployDir: (dir) => dir,
  prepare(ctx, fresh) {
    const assets = join(assetsDir(), 'systems', SOC_SYSTEM);
    for (const part of ['docker-compose.yml', 'nginx', 'frontend']) cpSync(join(assets, part), join(ctx.dir, part), { recursive: true });
    mkdirSync(join(ctx.dir, 'backups'), { recursive: true, mode: 0o700 });
    for (const [file, text] of Object.entries(SEED_UPLOADS)) {
      const path = join(ctx.dir, file);
      if (fresh || !existsSync(path)) {
        mkdirSync(join(path, '..'), { recursive: true });
        writeFileSync(path, text);
      }
    }
    const env = join(ctx.dir, '.env');
    const values = {
      POSTGRES_IMAGE: ctx.images['ticketera-postgres'] ?? '',
      BACKEND_IMAGE: ctx.images['ticketera-backend'] ?? '',
      NGINX_IMAGE: ctx.images['ticketera-nginx'] ?? '',
      HTTP_PORT: String(SOC_HTTP_PORT),
      LAB_ID: ctx.lab.root,
    };
    if (fresh || !existsSync(env)) writeFileSync(env, fillTemplate(SOC_SYSTEM, values), { mode: 0o600 });
    else writeFileSync(env, withImages(readFileSync(env, 'utf8'), { POSTGRES_IMAGE: values.POSTGRES_IMAGE, BACKEND_IMAGE: values.BACKEND_IMAGE, NGINX_IMAGE: values.NGINX_IMAGE }), { mode: 0o600 });
  },
  serviceProblem: () => healthProblem(SOC_HEALTH_URL),
  async seed(ctx) {
    // POSTGRES_USER is a superuser, as with the official image (SOC-02 drops and creates the database).
    await socSql(ctx, `ALTER USER ${SOC_DB_USER} SUPERUSER;`, 'postgres');
    const backups = join(ctx.dir, 'backups');
    const db = join(backups, SOC_SEED_BACKUP);
    if (!existsSync(db)) {
      await privateFile(ctx, 'docker exec "$1" pg_dump -U "$2" -d "$3" --clean --if-exists | gzip -9 > "$4.partial" && mv "$4.partial" "$4"', [SOC_DB, SOC_DB_USER, SOC_DB_NAME, db]);
    }
    const uploads = join(backups, SOC_SEED_UPLOADS);
    if (!existsSync(uploads)) await privateFile(ctx, 'tar -czf "$2.partial" -C "$1" uploads && mv "$2.partial" "$2"', [ctx.dir, uploads]);
  },
  seedCounts: { users: 5, tickets: 12 },
  counts: (ctx) => pgCounts((sql) => socSql(ctx, sql), Object.keys(ticketeraSoc.seedCounts)),
};
