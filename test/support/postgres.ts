// A throwaway PostgreSQL 15 cluster for end-to-end tests: initdb in a temp
// folder, started as the `postgres` user (tests run as root here), listening
// only on a Unix socket, trust authentication. Stopped and removed by `stop()`.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Postgres {
  socketDir: string;
  port: number;
  env: Record<string, string>;
  psql(database: string, sql: string): string;
  stop(): void;
}

function pgBin(name: string): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).sort().reverse() : [];
  for (const v of versions) if (existsSync(join(base, v, 'bin', name))) return join(base, v, 'bin', name);
  throw new Error(`PostgreSQL server binary ${name} not found under ${base} (install postgresql-15)`);
}

const asPostgres = (argv: string[]) => (process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--', ...argv] : argv);

export function startPostgres(): Postgres {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-pg-'));
  chmodSync(dir, 0o755);
  const data = join(dir, 'data');
  const socketDir = join(dir, 'sock');
  mkdirSync(socketDir);
  if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const port = 20000 + Math.floor(Math.random() * 20000);
  const run = (argv: string[]) => {
    const [cmd, ...args] = asPostgres(argv) as [string, ...string[]];
    const r = spawnSync(cmd, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr}${r.stdout}`);
  };
  run([pgBin('initdb'), '-D', data, '--auth=trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  run([pgBin('pg_ctl'), '-D', data, '-w', '-t', '60', '-l', join(dir, 'server.log'), '-o', `-p ${port} -k ${socketDir} -c listen_addresses='' -c fsync=off`, 'start']);
  const env = { PGHOST: socketDir, PGPORT: String(port), PGUSER: 'postgres' };
  return {
    socketDir,
    port,
    env,
    psql(database, sql) {
      return execFileSync('psql', ['-v', 'ON_ERROR_STOP=1', '-X', '-q', '-t', '-A', '-d', database, '-c', sql], { env: { ...process.env, ...env }, encoding: 'utf8' }).trim();
    },
    stop() {
      spawnSync(asPostgres([pgBin('pg_ctl'), '-D', data, '-m', 'immediate', 'stop'])[0] as string, asPostgres([pgBin('pg_ctl'), '-D', data, '-m', 'immediate', 'stop']).slice(1));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
