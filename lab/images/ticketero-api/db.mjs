// PostgreSQL through psql, behind a small pool (its numbers are the hikaricp_* metrics), and Flyway-style migrations.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const db = {
  host: process.env.DB_HOST || 'postgres',
  port: process.env.DB_PORT || '5432',
  user: process.env.SPRING_DATASOURCE_USERNAME || 'ticketero_user',
  name: process.env.DB_DATABASE || 'ticketero',
  password: process.env.SPRING_DATASOURCE_PASSWORD || '',
};
export const pool = { max: Number(process.env.DB_POOL_MAX || 10), active: 0, pending: 0, timeouts: 0 };
const waiting = [];

function release() {
  pool.active -= 1;
  const next = waiting.shift();
  if (next) next();
}

function acquire() {
  if (pool.active < pool.max) {
    pool.active += 1;
    return Promise.resolve();
  }
  pool.pending += 1;
  return new Promise((resolve) => waiting.push(() => { pool.pending -= 1; pool.active += 1; resolve(); }));
}

/** Runs SQL; resolves with psql's unaligned output, rejects with psql's first error line. */
export async function sql(text) {
  await acquire();
  try {
    return await new Promise((resolve, reject) => {
      const child = execFile('psql', ['-X', '-At', '-F', '|', '-v', 'ON_ERROR_STOP=1', '-h', db.host, '-p', db.port, '-U', db.user, '-d', db.name], { env: { ...process.env, PGPASSWORD: db.password, PGCONNECT_TIMEOUT: '3' }, timeout: 15000 }, (error, stdout, stderr) => {
        if (error) return reject(new Error(String(stderr || error.message).trim().split('\n')[0]));
        resolve(stdout.trim());
      });
      child.stdin.end(text);
    });
  } finally {
    release();
  }
}

/** Literal for SQL text (psql has no parameters on stdin). */
export const literal = (value) => `'${String(value).replace(/'/g, "''")}'`;

export const datasource = () => `jdbc:postgresql://${db.host}:${db.port}/${db.name}`;

/** Migrations in order, each recorded in flyway_schema_history (success false stops the start, as Flyway does). */
export async function migrate(log) {
  await sql(`CREATE TABLE IF NOT EXISTS flyway_schema_history (installed_rank INT PRIMARY KEY, version VARCHAR(50), description VARCHAR(200) NOT NULL, script VARCHAR(1000) NOT NULL, installed_on TIMESTAMP NOT NULL DEFAULT now(), success BOOLEAN NOT NULL);`);
  const failed = await sql('SELECT version FROM flyway_schema_history WHERE NOT success ORDER BY installed_rank LIMIT 1;');
  if (failed) throw new Error(`FlywayException: Validate failed: Detected failed migration to version ${failed}`);
  const done = new Set((await sql('SELECT version FROM flyway_schema_history;')).split('\n').filter(Boolean));
  const dir = new URL('./migrations/', import.meta.url);
  const files = readdirSync(dir).filter((f) => /^V\d+__.+\.sql$/.test(f)).sort((a, b) => Number(a.slice(1).split('__')[0]) - Number(b.slice(1).split('__')[0]));
  let rank = Number(await sql('SELECT coalesce(max(installed_rank), 0) FROM flyway_schema_history;'));
  for (const file of files) {
    const version = file.slice(1).split('__')[0];
    if (done.has(version)) continue;
    const description = file.split('__')[1].replace(/\.sql$/, '').replace(/_/g, ' ');
    rank += 1;
    await sql(`BEGIN;\n${readFileSync(new URL(file, dir), 'utf8')}\nINSERT INTO flyway_schema_history (installed_rank, version, description, script, success) VALUES (${rank}, ${literal(version)}, ${literal(description)}, ${literal(file)}, true);\nCOMMIT;`);
    log('INFO', 'o.f.core.internal.command.DbMigrate', `Migrating schema "public" to version "${version} - ${description}"`);
  }
  log('INFO', 'o.f.core.internal.command.DbMigrate', `Successfully applied ${files.length - done.size} migrations to schema "public"`);
}
