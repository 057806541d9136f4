// The shipped PostgreSQL runbooks against a real PostgreSQL 15: PAW-01 backs up
// a database, the data is changed, RB-01 restores the backup and the row
// counts match it again. A broken backup makes RB-01 fail and its rollback
// path restore the pre-restore state. Docker has no engine here: a `docker`
// test double forwards `docker exec`/`docker compose exec` to the local server.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync, gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type Postgres } from '../support/postgres.js';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'dist', 'engine', 'cli', 'bin.js');
let pg: Postgres;
let work: string;
/** The backend's stand-in: RB-01 waits for its /metrics (`docker compose exec backend node -e fetch…`, run here by the double). */
let backend: ChildProcess | undefined;
let backendPort = '';

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: work,
    encoding: 'utf8',
    input: '',
    env: { ...process.env, ...pg.env, RUNBOOK_PARAM_BACKEND_PORT: backendPort, PATH: `${join(work, 'bin')}:${process.env.PATH}`, DOCKER_DOUBLE_LOG: join(work, 'docker.log'), RUNBOOK_STATE_DIR: join(work, 'state'), RUNBOOK_CACHE_DIR: join(work, 'cache'), RUNBOOK_LOCK_DIR: join(work, 'locks'), RUNBOOK_LANG: 'en', NO_COLOR: '1' },
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const counts = () => ({ orders: pg.psql('pawpaw_db', 'select count(*) from orders'), customers: pg.psql('pawpaw_db', 'select count(*) from customers') });

beforeAll(() => {
  pg = startPostgres();
  work = mkdtempSync(join(tmpdir(), 'runbook-pg-e2e-'));
  mkdirSync(join(work, 'bin'));
  copyFileSync(join(root, 'test', 'support', 'docker-double.sh'), join(work, 'bin', 'docker'));
  spawnSync('chmod', ['+x', join(work, 'bin', 'docker')]);
  const portFile = join(work, 'backend.port');
  backend = spawn(process.execPath, ['-e', `const s = require('node:http').createServer((q, r) => r.end('ok')).listen(0, () => require('node:fs').writeFileSync(${JSON.stringify(portFile)}, String(s.address().port)))`], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !existsSync(portFile); i++) spawnSync('sleep', ['0.1']);
  backendPort = readFileSync(portFile, 'utf8');
  // The application's role: RB-01 creates a lost database owned by it (APP_DB_USER).
  pg.psql('postgres', 'create role pawpaw');
  pg.psql('postgres', 'create database pawpaw_db');
  pg.psql('pawpaw_db', 'create table customers (id int primary key, name text not null)');
  pg.psql('pawpaw_db', 'create table orders (id serial primary key, customer_id int references customers(id), total numeric not null)');
  pg.psql('pawpaw_db', "insert into customers select g, 'cliente ' || g from generate_series(1, 60) g");
  pg.psql('pawpaw_db', 'insert into orders (customer_id, total) select 1 + g % 60, g * 1.5 from generate_series(1, 250) g');
}, 120_000);

afterAll(() => {
  backend?.kill();
  pg?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('PAW-01 backup then RB-01 restore, on a real PostgreSQL', () => {
  let backup: string;

  it('PAW-01 writes a verified, compressed pg_dump', () => {
    const r = cli(['play', 'PAW-01', '--yes', '-p', `BACKUP_DIR=${join(work, 'backups')}`]);
    expect(r.code, r.out).toBe(0);
    const journal = readFileSync(join(work, 'state', 'runs', spawnSync('ls', [join(work, 'state', 'runs')], { encoding: 'utf8' }).stdout.trim().split('\n').pop() as string, 'journal.jsonl'), 'utf8');
    const captured = journal.split('\n').filter(Boolean).map((l) => JSON.parse(l)).find((e) => e.type === 'variable' && e.name === 'BACKUP_FILE');
    backup = captured.value;
    expect(backup).toMatch(/backup_.*\.sql\.gz$/);
    expect(statSync(backup).mode & 0o777).toBe(0o600);
  });

  it('RB-01 restores it over changed data and the row counts match the backup again', () => {
    pg.psql('pawpaw_db', 'delete from orders where id > 200');
    pg.psql('pawpaw_db', "update customers set name = 'borrado'");
    pg.psql('pawpaw_db', 'create table junk (x int)');
    expect(counts()).toEqual({ orders: '200', customers: '60' });
    const r = cli(['play', 'RB-01', '--yes', '--allow-destructive', '-p', `BACKUP_FILE=${backup}`, '-p', `SAFETY_DIR=${join(work, 'safety')}`]);
    expect(r.code, r.out).toBe(0);
    expect(counts()).toEqual({ orders: '250', customers: '60' });
    expect(pg.psql('pawpaw_db', "select count(*) from customers where name = 'borrado'")).toBe('0');
    expect(pg.psql('pawpaw_db', "select count(*) from information_schema.tables where table_name = 'junk'")).toBe('0');
    expect(readFileSync(join(work, 'docker.log'), 'utf8')).toContain('compose -f docker-compose.yml stop backend postgres');
    const safety = readdirSync(join(work, 'safety')).filter((f) => f.endsWith('.sql.gz'));
    expect(safety.length).toBeGreaterThan(0);
    for (const f of safety) expect(statSync(join(work, 'safety', f)).mode & 0o777).toBe(0o600);
  });

  it('RB-01 restores a database that no longer exists (it creates it)', () => {
    pg.psql('postgres', 'drop database pawpaw_db with (force)');
    const r = cli(['play', 'RB-01', '--yes', '--allow-destructive', '-p', `BACKUP_FILE=${backup}`, '-p', `SAFETY_DIR=${join(work, 'safety')}`]);
    expect(r.code, r.out).toBe(0);
    expect(counts()).toEqual({ orders: '250', customers: '60' });
    expect(pg.psql('postgres', "select pg_get_userbyid(datdba) from pg_database where datname = 'pawpaw_db'")).toBe('pawpaw');
  });

  it('`--from recreate-db` without this run\'s safety backup stops before dropping anything', () => {
    pg.psql('pawpaw_db', 'delete from orders where id > 240');
    const r = cli(['play', 'RB-01', '--yes', '--allow-destructive', '--from', 'recreate-db', '-p', `BACKUP_FILE=${backup}`, '-p', `SAFETY_DIR=${join(work, 'safety')}`]);
    expect(r.code).toBe(1);
    // the engine stops before any step: the selection left out the safety steps recreate-db needs
    expect(r.out).toMatch(/recreate-db ← [^\n]*safety-backup/);
    expect(counts()).toEqual({ orders: '240', customers: '60' });
  });

  it('a truncated pg_dump is refused before anything destructive runs', () => {
    const whole = gunzipSync(readFileSync(backup)).toString('utf8');
    const truncated = join(work, 'truncated.sql.gz');
    writeFileSync(truncated, gzipSync(whole.slice(0, Math.floor(whole.length / 2))));
    writeFileSync(join(work, 'docker.log'), '');
    const r = cli(['play', 'RB-01', '--yes', '--allow-destructive', '-p', `BACKUP_FILE=${truncated}`, '-p', `SAFETY_DIR=${join(work, 'safety')}`]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('truncado');
    expect(readFileSync(join(work, 'docker.log'), 'utf8')).not.toContain('stop backend postgres');
    expect(counts()).toEqual({ orders: '240', customers: '60' });
  });

  it('a broken backup makes RB-01 fail and the rollback path restores the pre-restore data', () => {
    pg.psql('pawpaw_db', 'delete from orders where id > 100');
    const broken = join(work, 'broken.sql');
    // complete as far as the trailer goes, but its SQL fails half-way
    writeFileSync(broken, '--\n-- PostgreSQL database dump\n--\n\ncreate table half_restored (x int);\nthis is not sql;\n\n--\n-- PostgreSQL database dump complete\n--\n\n');
    const r = cli(['play', 'RB-01', '--yes', '--allow-destructive', '-p', `BACKUP_FILE=${broken}`, '-p', `SAFETY_DIR=${join(work, 'safety')}`]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('rollback-restore-safety');
    expect(r.out).toMatch(/ROLLED BACK/);
    expect(counts()).toEqual({ orders: '100', customers: '60' });
    expect(pg.psql('pawpaw_db', "select count(*) from information_schema.tables where table_name = 'half_restored'")).toBe('0');
  });
});
