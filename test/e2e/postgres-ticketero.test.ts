// The Ticketero API and Ticketera SOC database runbooks against a real
// PostgreSQL 15: TKA-05 refuses to purge messages without a verified recent
// backup, TKA-13 writes a private verified dump, TKA-14 restores it (also into
// a database that no longer exists), SOC-02 refuses `--from recreate-db`
// without this run's safety backup. Docker has no engine here: the `docker`
// test double forwards `docker exec`/`docker compose exec` to the local server
// (and answers `docker inspect` for .State.Running); a small HTTP server plays
// the API's /actuator/health.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type Postgres } from '../support/postgres.js';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'dist', 'engine', 'cli', 'bin.js');
let pg: Postgres;
let work: string;
let api: ChildProcess;
let apiUrl: string;

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: work,
    encoding: 'utf8',
    input: '',
    env: { ...process.env, ...pg.env, PATH: `${join(work, 'bin')}:${process.env.PATH}`, DOCKER_DOUBLE_LOG: join(work, 'docker.log'), RUNBOOK_STATE_DIR: join(work, 'state'), RUNBOOK_CACHE_DIR: join(work, 'cache'), RUNBOOK_LOCK_DIR: join(work, 'locks'), RUNBOOK_LANG: 'en', NO_COLOR: '1' },
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** A copy of a shipped runbook whose development API_URL points at the test's API. */
function withTestApi(file: string): string {
  const dir = join(work, 'rb');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file.split('/').pop() as string), readFileSync(join(root, 'runbooks', file), 'utf8').replaceAll('API_URL: http://localhost:8080', `API_URL: ${apiUrl}`));
  return dir;
}

const messages = () => pg.psql('ticketero', 'select count(*) from mensaje');
const tickets = () => pg.psql('ticketero', 'select count(*) from ticket');

beforeAll(async () => {
  pg = startPostgres();
  work = mkdtempSync(join(tmpdir(), 'runbook-tka-e2e-'));
  mkdirSync(join(work, 'bin'));
  mkdirSync(join(work, 'backups'));
  writeFileSync(join(work, 'bin', 'docker'), `#!/usr/bin/env bash\nif [ "$1" = inspect ] && [[ "$*" == *State.Running* ]]; then echo true; exit 0; fi\nexec bash ${join(root, 'test', 'support', 'docker-double.sh')} "$@"\n`, { mode: 0o755 });
  writeFileSync(join(work, 'docker-compose.prod.yml'), 'services: {}\n');
  writeFileSync(join(work, '.env.prod'), '');
  pg.psql('postgres', 'create role ticketero_user login superuser');
  pg.psql('postgres', 'create database ticketero owner ticketero_user');
  pg.psql('ticketero', 'create table ticket (id serial primary key, national_id text not null)');
  pg.psql('ticketero', 'create table mensaje (id serial primary key, created_at timestamptz not null, texto text)');
  pg.psql('ticketero', "insert into ticket (national_id) select g::text from generate_series(1, 500) g");
  pg.psql('ticketero', "insert into mensaje (created_at, texto) select now() - interval '40 days', 'viejo' from generate_series(1, 15000)");
  pg.psql('ticketero', "insert into mensaje (created_at, texto) select now(), 'nuevo' from generate_series(1, 300)");
  // its own process: the runbook runs under spawnSync, which blocks this one's event loop
  api = spawn(process.execPath, ['-e', `require('node:http').createServer((q, r) => r.end('{"status":"UP","components":{"db":{"status":"UP"},"rabbit":{"status":"UP"}}}')).listen(0, '127.0.0.1', function () { console.log(this.address().port); });`], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => api.stdout?.once('data', (d: Buffer) => resolve(d.toString().trim())));
  apiUrl = `http://127.0.0.1:${port}`;
}, 120_000);

afterAll(() => {
  api?.kill();
  pg?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('Ticketero API database runbooks, on a real PostgreSQL', () => {
  let backup: string;

  it('TKA-05 does not delete 15,000 messages under --yes without a recent backup', () => {
    const r = cli(['play', 'TKA-05', '--yes', '--allow-destructive', '-p', `BACKUP_DIR=${join(work, 'backups')}`]);
    expect(r.code).toBe(1);
    expect(messages()).toBe('15300');
  });

  it('TKA-05 does not delete them when the recent backup is incomplete', () => {
    const cut = join(work, 'backups', 'ticketero_backup_20000101_000000.sql.gz');
    writeFileSync(cut, spawnSync('gzip', ['-c'], { input: '--\n-- PostgreSQL database dump\n--\nCOPY public.ticket (id) FROM stdin;\n1\n' }).stdout);
    const r = cli(['play', 'TKA-05', '--yes', '--allow-destructive', '-p', `BACKUP_DIR=${join(work, 'backups')}`]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('incompleto');
    expect(messages()).toBe('15300');
    rmSync(cut);
  });

  it('TKA-13 writes a private, verified daily dump and prunes only the old ones', () => {
    const old = join(work, 'backups', 'ticketero_backup_20200101_000000.sql.gz');
    writeFileSync(old, 'x');
    utimesSync(old, new Date('2020-01-01'), new Date('2020-01-01'));
    const r = cli(['play', 'TKA-13', '--yes', '--allow-destructive', '-p', `BACKUP_DIR=${join(work, 'backups')}`]);
    expect(r.out).toContain('public.ticket: 500 filas');
    const files = readdirSync(join(work, 'backups')).filter((f) => f.startsWith('ticketero_backup_'));
    expect(files).toHaveLength(1);
    backup = join(work, 'backups', files[0] as string);
    expect(statSync(backup).mode & 0o777).toBe(0o600);
  });

  it('TKA-05 purges the old messages once a verified backup of today exists', () => {
    const r = cli(['play', 'TKA-05', '--yes', '--allow-destructive', '-p', `BACKUP_DIR=${join(work, 'backups')}`]);
    expect(r.code, r.out).toBe(0);
    expect(messages()).toBe('300');
  });

  it('TKA-14 restores the dump over changed data and into a database that no longer exists', () => {
    const dir = withTestApi('ticketero-api/TKA-14-tka-recovery.md');
    pg.psql('ticketero', 'delete from ticket where id > 100');
    let r = cli(['play', 'TKA-14', '--dir', dir, '--yes', '--allow-destructive', '-p', `BACKUP_FILE=${backup}`, '-p', `BACKUP_DIR=${join(work, 'backups')}`]);
    expect(r.code, r.out).toBe(0);
    expect(tickets()).toBe('500');
    pg.psql('postgres', 'drop database ticketero with (force)');
    r = cli(['play', 'TKA-14', '--dir', dir, '--yes', '--allow-destructive', '-p', `BACKUP_FILE=${backup}`, '-p', `BACKUP_DIR=${join(work, 'backups')}`]);
    expect(r.code, r.out).toBe(0);
    expect(tickets()).toBe('500');
    for (const f of readdirSync(join(work, 'backups'))) expect(statSync(join(work, 'backups', f)).mode & 0o077, f).toBe(0);
  });

  it('TKA-14 --from recreate-database without this run\'s safety backup drops nothing', () => {
    const dir = withTestApi('ticketero-api/TKA-14-tka-recovery.md');
    pg.psql('ticketero', 'delete from ticket where id > 400');
    const r = cli(['play', 'TKA-14', '--dir', dir, '--yes', '--allow-destructive', '--from', 'recreate-database', '-p', `BACKUP_FILE=${backup}`, '-p', `BACKUP_DIR=${join(work, 'backups')}`]);
    expect(r.code).toBe(1);
    // the engine stops before any step: the selection left out the safety backup that recreate-database needs
    expect(r.out).toMatch(/recreate-database ← [^\n]*safety-backup/);
    expect(tickets()).toBe('400');
  });
});

describe('Ticketera SOC restore, on a real PostgreSQL', () => {
  const soc = () => ['-p', `PROJECT_DIR=${join(work, 'soc')}`, '-p', `BACKUP_DIR=${join(work, 'soc-backups')}`, '-p', 'COMPOSE=docker compose', '-p', 'DB_USER=postgres', '-p', 'DB_NAME=soc'];
  const restore = () => [...soc(), '-p', 'HEALTH_URL=file:///etc/hostname'];
  let dump: string;

  it('SOC-01 writes a private, verified dump', () => {
    mkdirSync(join(work, 'soc', 'uploads'), { recursive: true });
    writeFileSync(join(work, 'soc', 'docker-compose.yml'), 'services: {}\n');
    writeFileSync(join(work, 'soc', 'uploads', 'a.txt'), 'a');
    pg.psql('postgres', 'create database soc');
    pg.psql('soc', "create table incidente (id int primary key, t text); insert into incidente select g, 'x' from generate_series(1, 120) g");
    const r = cli(['play', 'SOC-01', '--yes', ...soc()]);
    expect(r.code, r.out).toBe(0);
    dump = join(work, 'soc-backups', readdirSync(join(work, 'soc-backups')).find((f) => f.startsWith('db_backup_')) as string);
    expect(statSync(dump).mode & 0o777).toBe(0o600);
  });

  it('SOC-02 restores into a database that no longer exists', () => {
    pg.psql('postgres', 'drop database soc with (force)');
    const r = cli(['play', 'SOC-02', '--yes', '--allow-destructive', '-p', `DB_BACKUP=${dump}`, ...restore()]);
    expect(r.code, r.out).toBe(0);
    expect(pg.psql('soc', 'select count(*) from incidente')).toBe('120');
  });

  it('SOC-02 --from recreate-db without this run\'s safety backup drops nothing', () => {
    pg.psql('soc', 'delete from incidente where id > 50');
    const r = cli(['play', 'SOC-02', '--yes', '--allow-destructive', '--from', 'recreate-db', '-p', `DB_BACKUP=${dump}`, ...restore()]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/recreate-db ← /);
    expect(pg.psql('soc', 'select count(*) from incidente')).toBe('50');
  });
});
