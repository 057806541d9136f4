// Flyway-like migrations into `schema_version` (Flyway's historical table name).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { query } from './db.mjs';

const DIR = path.join(path.dirname(new URL(import.meta.url).pathname), 'migrations');
const HISTORY = `CREATE TABLE IF NOT EXISTS schema_version (
  installed_rank INT NOT NULL PRIMARY KEY, version VARCHAR(50), description VARCHAR(200) NOT NULL,
  type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL, checksum INT, installed_by VARCHAR(100) NOT NULL,
  installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, execution_time INT NOT NULL, success TINYINT(1) NOT NULL)`;

export class FlywayException extends Error {}

const q = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function scripts() {
  return fs.readdirSync(DIR).filter((f) => /^V\d+__.+\.sql$/.test(f)).sort((a, b) => parseInt(a.slice(1)) - parseInt(b.slice(1))).map((file) => {
    const text = fs.readFileSync(path.join(DIR, file), 'utf8');
    return { file, text, version: file.slice(1, file.indexOf('__')), description: file.slice(file.indexOf('__') + 2, -4).replace(/_/g, ' '),
      checksum: crypto.createHash('md5').update(text).digest().readInt32BE(0) };
  });
}

export async function migrate(log, repair) {
  await query(HISTORY);
  if (repair) {
    await query('DELETE FROM schema_version WHERE success = 0');
    log('INFO', 'o.f.core.internal.command.DbRepair', 'Successfully repaired schema history table `inatrace`.`schema_version`');
  }
  const rows = await query('SELECT installed_rank, version, checksum, success FROM schema_version ORDER BY installed_rank');
  const failed = rows.find((r) => r[3] === '0');
  if (failed) throw new FlywayException(`Validate failed: Migrations have failed validation\nDetected failed migration to version ${failed[1]}. Please remove any half-completed changes then run repair to fix the schema history.`);
  const applied = new Map(rows.map((r) => [r[1], r[2]]));
  let rank = rows.reduce((m, r) => Math.max(m, Number(r[0])), 0);
  let count = 0;
  for (const s of scripts()) {
    if (applied.has(s.version)) {
      if (applied.get(s.version) !== String(s.checksum)) throw new FlywayException(`Validate failed: Migration checksum mismatch for migration version ${s.version}`);
      continue;
    }
    rank += 1;
    const started = Date.now();
    log('INFO', 'o.f.core.internal.command.DbMigrate', `Migrating schema \`inatrace\` to version "${s.version} - ${s.description}"`);
    let err;
    try { await query(s.text); } catch (e) { err = e; }
    const ok = err === undefined;
    await query(`INSERT INTO schema_version (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success) VALUES (${rank}, ${q(s.version)}, ${q(s.description)}, 'SQL', ${q(s.file)}, ${s.checksum}, 'inatrace', ${Date.now() - started}, ${ok ? 1 : 0})`);
    if (!ok) throw new FlywayException(`Migration ${s.file} failed\n---------------------\nSQL State  : 42000\nMessage    : ${err.message}`);
    count += 1;
  }
  log('INFO', 'o.f.core.internal.command.DbMigrate', count ? `Successfully applied ${count} migrations to schema \`inatrace\`` : 'Schema `inatrace` is up to date. No migration necessary.');
}
