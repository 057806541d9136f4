// The lab tier, Ticketero API: ticketero-postgres, RabbitMQ, the API and the Telegram stand-in on a
// real Docker engine; the TKA runbooks with a `lab` environment played for real; each fault injected
// and repaired by its runbook; the rollback paths of TKA-14 and TKA-08 against a broken backup;
// TKA-07's way back to the previous version after a version that does not start, TKA-02's and
// TKA-03's rollbacks when they deploy or go back to that version.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEngineInfo } from '../../engine/lab/engine-file.js';
import { readInjected } from '../../engine/lab/faults/index.js';
import { layout } from '../../engine/lab/paths.js';
import { playAttended } from './attended.js';
import { lab, repairedWithin, repairs, systemHealthy } from './faults.js';
import { cli, keepTable, play, result, rows } from './support.js';

const SYSTEM = 'ticketero-api';
const backups = join(lab, 'systems', SYSTEM, 'backups', 'postgres');
const envProd = join(lab, 'systems', SYSTEM, '.env.prod');
let dockerHost = '';

const docker = (args: string[]): string => execFileSync('docker', args, { env: { ...process.env, DOCKER_HOST: dockerHost }, encoding: 'utf8' });
const sql = (query: string): string => docker(['exec', 'ticketero-postgres', 'psql', '-U', 'ticketero_user', '-d', 'ticketero', '-Atc', query]).trim();

beforeAll(async () => {
  const up = await cli(['lab', 'up', SYSTEM]);
  expect(up.status, up.stdout + up.stderr).toBe(0);
  dockerHost = readEngineInfo(layout(lab).engineFile)?.dockerHost ?? '';
  // The seed data and no fault, whatever an earlier sitting left (a reset costs a couple of minutes: only when needed).
  const clean = readInjected(layout(lab).faultsFile).every((f) => f.system !== SYSTEM) && sql('SELECT count(*) FROM ticket') === '12' && sql('SELECT count(*) FROM mensaje') === '20';
  if (!clean) {
    const reset = await cli(['lab', 'reset', SYSTEM]);
    expect(reset.status, reset.stdout + reset.stderr).toBe(0);
  }
}, 40 * 60_000);

afterAll(() => keepTable('lab-table-ticketero-api.md'));

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
/** Docker's health checks need a few intervals to see a recreated or restarted container. */
async function healthyWithin(ms: number): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until; await pause(3000)) if (await systemHealthy(SYSTEM)) return true;
  return systemHealthy(SYSTEM);
}

describe('lab up ticketero-api', () => {
  it('five containers with the manual\'s names, healthy; the API is UP with db and rabbit', async () => {
    expect(await systemHealthy(SYSTEM)).toBe(true);
    for (const name of ['ticketero-postgres', 'ticketero-rabbitmq', 'ticketero-api', 'ticketero-telegram', 'ticketero-prometheus']) expect(docker(['inspect', '--format', '{{.State.Health.Status}}', name]).trim()).toBe('healthy');
    const health: unknown = await (await fetch('http://127.0.0.1:8080/actuator/health')).json();
    expect(health).toMatchObject({ status: 'UP', components: { db: { status: 'UP' }, rabbit: { status: 'UP' } } });
    expect(docker(['port', 'ticketero-api'])).toContain('127.0.0.1:8080');
    expect(docker(['port', 'ticketero-prometheus'])).toContain('127.0.0.1:9090');
  });

  it('seed data, migrations and a seed backup', () => {
    expect(sql('SELECT count(*) FROM ticket')).toBe('12');
    expect(sql('SELECT count(*) FROM mensaje')).toBe('20');
    expect(sql("SELECT count(*) FROM flyway_schema_history WHERE success")).toBe('2');
    expect(existsSync(join(backups, 'ticketero_backup_seed.sql.gz'))).toBe(true);
    expect(docker(['logs', 'ticketero-api'])).toContain('Started TicketeroApplication');
  });

  it('a ticket goes through RabbitMQ to the Telegram stand-in, and the counters say so', async () => {
    const created = await fetch('http://127.0.0.1:8080/api/tickets', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ nationalId: '10203040', branchOffice: 'Lab', queue: 'PERSONAL' }) });
    expect(created.status).toBe(201);
    let metrics = '';
    for (let i = 0; i < 20 && !/^telegram_messages_sent_total [1-9]/m.test(metrics); i++) {
      await new Promise((r) => setTimeout(r, 2000));
      metrics = await (await fetch('http://127.0.0.1:8080/actuator/prometheus')).text();
    }
    expect(metrics).toMatch(/^tickets_created_total\{queue="PERSONAL"\} 1$/m);
    expect(metrics).toMatch(/^telegram_messages_sent_total [1-9]/m);
    expect((await fetch('http://127.0.0.1:8081/botwrong-token/getMe')).status).toBe(401);
  });
});

describe('the TKA runbooks on a healthy system', () => {
  for (const id of ['TKA-04', 'TKA-05', 'TKA-13', 'TKA-10', 'TKA-11', 'TKA-06', 'TKA-19', 'TKA-20', 'TKA-02', 'TKA-03', 'TKA-07', 'TKA-14', 'TKA-08']) {
    it(`${id} exits 0`, async () => {
      const run = await play(id);
      rows.push({ runbook: id, system: SYSTEM, purpose: 'healthy system', result: run.status === 0 ? 'passed' : `FAILED (exit ${run.status})`, ms: run.ms });
      expect(run.status, run.stdout.slice(-3000) + run.stderr).toBe(0);
      // TKA-02 deploys the lab's next version (TKA-03 right after rolls back to 1.3.0); its smoke test created a ticket.
      if (id === 'TKA-02') expect(docker(['inspect', '--format', '{{.Config.Image}}', 'ticketero-api']).trim()).toBe('runbook-lab/ticketero-api:1.5.0');
    });
  }
});

describe('TKA-12 against the lab\'s Prometheus', () => {
  const alerts = ['ApiResponseTime', 'ApiErrorRate', 'MemoryUsage', 'DatabaseConnections', 'TelegramErrors', 'DiskSpace'];
  it('Prometheus scrapes the API and has the manual\'s six alert rules loaded', async () => {
    const rules: unknown = await (await fetch('http://127.0.0.1:9090/api/v1/rules?type=alert')).json();
    const names = JSON.stringify(rules).match(/"name":"\w+"/g) ?? [];
    for (const a of alerts) expect(names, a).toContain(`"name":"${a}"`);
    const targets: unknown = await (await fetch('http://127.0.0.1:9090/api/v1/targets')).json();
    expect(JSON.stringify(targets)).toMatch(/"job":"ticketero-api"/);
    let up = '';
    for (let i = 0; i < 20 && !up.includes('"1"]'); i++) {
      up = JSON.stringify(await (await fetch('http://127.0.0.1:9090/api/v1/query?query=up%7Bjob%3D%22ticketero-api%22%7D')).json());
      if (!up.includes('"1"]')) await new Promise((r) => setTimeout(r, 3000));
    }
    expect(up).toContain('"1"]');
  });

  it('TKA-12 reviews the loaded rules and the metrics Prometheus has of the API', async () => {
    const run = await play('TKA-12');
    rows.push({ runbook: 'TKA-12', system: SYSTEM, purpose: 'alerts review (lab Prometheus)', result: run.status === 0 ? 'passed' : `FAILED (exit ${run.status})`, ms: run.ms });
    expect(run.status, run.stdout.slice(-3000) + run.stderr).toBe(0);
    for (const a of alerts) expect(run.stdout).toMatch(new RegExp(`(inactive|pending|firing)\\s+${a}`));
    expect(run.stdout).not.toMatch(/│\s*Prometheus no tiene reglas de alerta cargadas/);
    expect(run.stdout).toMatch(/heap de la JVM: [0-9.]+ %/);
    expect(run.stdout).toMatch(/pool de conexiones en uso: [0-9]+ %/);
  });
});

describe('TKA-17 on the manual\'s compose (container_name, a fixed host port)', () => {
  it('refuses before changing anything, naming the cause and what to change', async () => {
    const id = docker(['inspect', '--format', '{{.Id}}', 'ticketero-api']).trim();
    const run = await play('TKA-17');
    rows.push({ runbook: 'TKA-17', system: SYSTEM, purpose: 'refuses: container_name, port 8080', result: run.status === 1 ? 'exit 1, refused' : `FAILED (exit ${run.status})`, ms: run.ms });
    expect(run.status, run.stdout.slice(-3000) + run.stderr).toBe(1);
    expect(run.stdout + run.stderr).toMatch(/container_name: ticketero-api/);
    expect(run.stdout + run.stderr).toMatch(/puerto fijo del host \(8080\)/);
    expect(run.stdout + run.stderr).toMatch(/quitar container_name y el puerto publicado/);
    expect(run.stdout + run.stderr).toMatch(/nothing was changed/);
    expect(docker(['ps', '-q', '--filter', 'label=com.docker.compose.service=api', '--filter', `label=io.runbook.lab=${lab}`]).trim().split('\n')).toHaveLength(1);
    expect(docker(['inspect', '--format', '{{.Id}}', 'ticketero-api']).trim()).toBe(id);
  });
});

describe('TKA-18 on the Java API: CPU and memory limits, the heap, the pool; jstat; the rollback', () => {
  const dir = join(lab, 'systems', SYSTEM);
  const files = ['docker-compose.prod.yml', '.env.prod', 'application-prod.yml'].map((f) => join(dir, f));
  let originals: Buffer[] = [];
  const metrics = async (): Promise<string> => (await fetch('http://127.0.0.1:8080/actuator/prometheus')).text();
  const edit = (file: string, from: string, to: string): void => {
    const text = readFileSync(join(dir, file), 'utf8');
    expect(text, `${file} has ${from}`).toContain(from);
    writeFileSync(join(dir, file), text.replace(from, to));
  };
  const limits = (cpus: string, memory: string): string =>
    `    container_name: ticketero-api\n    deploy:\n      resources:\n        limits:\n          cpus: '${cpus}'\n          memory: ${memory}\n        reservations:\n          memory: 256M\n`;

  beforeAll(() => {
    originals = files.map((f) => readFileSync(f));
  });
  afterAll(() => files.forEach((f, i) => writeFileSync(f, originals[i] ?? '')));

  it('the operator\'s edits (limits, JAVA_OPTS, pool size) are applied: the limits, the heap and the pool are the new ones; jstat shows the GC', async () => {
    // The operator edits the three files as section 3 says; under --yes its checklist is journaled as not confirmed.
    edit('docker-compose.prod.yml', '    container_name: ticketero-api\n', limits('1.5', '768M'));
    edit('.env.prod', 'JAVA_OPTS="-Xmx256m -Xms128m"', 'JAVA_OPTS="-Xmx384m -Xms192m"');
    edit('application-prod.yml', 'maximum-pool-size: 10', 'maximum-pool-size: 20');
    const run = await play('TKA-18');
    rows.push({ runbook: 'TKA-18', system: SYSTEM, purpose: 'limits, heap, pool; jstat', result: run.status === 0 ? 'passed' : `FAILED (exit ${run.status})`, ms: run.ms });
    expect(run.status, run.stdout.slice(-3000) + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/CPU: 1500000000 nanoCPU · memoria: 805306368 bytes · reserva: 268435456 bytes/);
    expect(run.stdout).toMatch(/S0C\s+S1C\s+S0U\s+S1U\s+EC\s+EU\s+OC\s+OU\s+MC\s+MU\s+CCSC\s+CCSU\s+YGC\s+YGCT\s+FGC\s+FGCT/);
    expect(docker(['inspect', '--format', '{{.HostConfig.NanoCpus}} {{.HostConfig.Memory}}', 'ticketero-api']).trim()).toBe('1500000000 805306368');
    const text = await metrics();
    expect(text).toMatch(/^hikaricp_connections_max\{pool="HikariPool-1"\} 20$/m);
    // -Xmx384m: the heap's pools add up to 384 MiB (less a survivor space, whichever collector the JVM chose for the new limits).
    const heapMax = text.split('\n').filter((l) => l.startsWith('jvm_memory_max_bytes{area="heap"')).reduce((n, l) => n + Math.max(0, Number(l.split(' ').at(-1))), 0);
    expect(heapMax / 2 ** 20).toBeGreaterThan(340);
    expect(heapMax / 2 ** 20).toBeLessThanOrEqual(384);
    expect(docker(['logs', '--since', '5m', 'ticketero-api'])).toContain('JAVA_OPTS: -Xmx384m -Xms192m');
  });

  it('a limit Docker refuses fails recreate-api; the rollback (attended, in a terminal) puts the three files back byte for byte and the API is healthy with them', async () => {
    files.forEach((f, i) => writeFileSync(f, originals[i] ?? ''));
    const run = await playAttended('tka18', 'TKA-18 --env lab', { RUNBOOK_LAB_DIR: lab }, (item) => {
      // The first item of section 3: the operator writes a memory limit below Docker's minimum (6 MB).
      if (item.includes('deploy.resources')) edit('docker-compose.prod.yml', '    container_name: ticketero-api\n', limits('1.0', '4M'));
    });
    rows.push({ runbook: 'TKA-18', system: SYSTEM, purpose: 'limit refused (attended)', result: run.status === 1 ? 'exit 1, rolled back' : `FAILED (exit ${run.status})`, ms: run.ms });
    expect(run.status, run.screen).toBe(1);
    expect(run.failed).toEqual(['recreate-api']);
    expect(run.screen).toMatch(/[Mm]inimum memory limit allowed is 6MB/);
    expect(run.screen).toContain('the rollback path completed');
    files.forEach((f, i) => expect(readFileSync(f).equals(originals[i] ?? Buffer.alloc(0)), f).toBe(true));
    expect(await healthyWithin(90_000)).toBe(true);
    expect(docker(['inspect', '--format', '{{.HostConfig.NanoCpus}} {{.HostConfig.Memory}}', 'ticketero-api']).trim()).toBe('0 0');
    expect(await metrics()).toMatch(/^hikaricp_connections_max\{pool="HikariPool-1"\} 10$/m);
  });
});

describe('TKA-15 and TKA-16: WAL archiving, a base backup, a point-in-time recovery', () => {
  const base = join(lab, 'systems', SYSTEM, 'backups', 'base');
  const wal = join(lab, 'systems', SYSTEM, 'backups', 'wal');
  const insert = (nationalId: string): string => sql(`INSERT INTO ticket (national_id, branch_office, queue) VALUES ('${nationalId}', 'Lab', 'CAJA') RETURNING id`).split('\n')[0] ?? '';
  const has = (nationalId: string): string => sql(`SELECT count(*) FROM ticket WHERE national_id = '${nationalId}'`);
  const utc = (offset: string): string => sql(`SELECT to_char((now() + interval '${offset}') AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '+00'`);

  it('PostgreSQL archives WAL into the system folder', () => {
    expect(sql("SELECT current_setting('archive_mode') || ' ' || current_setting('wal_level')")).toBe('on replica');
    sql('SELECT pg_switch_wal()');
    expect(sql('SELECT failed_count FROM pg_stat_archiver')).toBe('0');
  });

  it('TKA-15 makes a real base backup: base.tar.gz, pg_wal.tar.gz and the manifest, private, and `latest` points at it', async () => {
    const run = await play('TKA-15');
    rows.push({ runbook: 'TKA-15', system: SYSTEM, purpose: 'base backup (WAL archived)', result: run.status === 0 ? 'passed' : `FAILED (exit ${run.status})`, ms: run.ms });
    expect(run.status, run.stdout.slice(-3000) + run.stderr).toBe(0);
    const latest = readlinkSync(join(base, 'latest'));
    expect(latest).toMatch(/^\d{8}_\d{6}$/);
    for (const file of ['base.tar.gz', 'pg_wal.tar.gz', 'backup_manifest']) {
      const st = statSync(join(base, latest, file));
      expect(st.size, file).toBeGreaterThan(0);
      expect(st.mode & 0o077, file).toBe(0);
    }
    expect(execFileSync('tar', ['-tzf', join(base, latest, 'base.tar.gz')], { encoding: 'utf8' }).split('\n')).toContain('backup_label');
    expect(readdirSync(wal).length).toBeGreaterThan(0);
  });

  it('TKA-16 recovers to a point in time: a ticket of before is there, one of after is gone; the system is healthy', async () => {
    insert('PITR-ANTES');
    await pause(1500);
    const target = utc('0 seconds');
    await pause(1500);
    insert('PITR-DESPUES');
    const run = await play('TKA-16', ['-p', `RECOVERY_TARGET_TIME=${target}`]);
    rows.push({ runbook: 'TKA-16', system: SYSTEM, purpose: 'point-in-time recovery', result: run.status === 0 ? 'passed' : `FAILED (exit ${run.status})`, ms: run.ms });
    expect(run.status, run.stdout.slice(-3000) + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/recovery stopping before commit/);
    expect(has('PITR-ANTES')).toBe('1');
    expect(has('PITR-DESPUES')).toBe('0');
    expect(await healthyWithin(90_000)).toBe(true);
  });

  it('TKA-16 to an instant after the last archived WAL fails at wait-promoted; the rollback puts the data directory back', async () => {
    insert('PITR-ROLLBACK');
    const before = sql('SELECT count(*) FROM ticket');
    const run = await play('TKA-16', ['-p', `RECOVERY_TARGET_TIME=${utc('1 day')}`]);
    rows.push({ runbook: 'TKA-16', system: SYSTEM, purpose: 'target after the last WAL', result: run.status === 1 ? 'exit 1, rolled back' : `FAILED (exit ${run.status})`, ms: run.ms });
    expect(run.status, run.stdout.slice(-3000) + run.stderr).toBe(1);
    expect(run.stdout + run.stderr).toMatch(/recovery ended before configured recovery target was reached/);
    expect(run.stdout).toMatch(/rollback-restore-pgdata/);
    expect(sql('SELECT count(*) FROM ticket')).toBe(before);
    expect(has('PITR-ROLLBACK')).toBe('1');
    expect(await healthyWithin(90_000)).toBe(true);
  });

  it('TKA-16 with no -p (the lab environment: RECOVERY_TARGET_TIME=latest) replays every archived WAL: nothing is lost, the system is healthy', async () => {
    insert('PITR-ULTIMO');
    const before = sql('SELECT count(*) FROM ticket');
    const run = await play('TKA-16');
    rows.push({ runbook: 'TKA-16', system: SYSTEM, purpose: 'recovery to the last WAL (no -p)', result: run.status === 0 ? 'passed' : `FAILED (exit ${run.status})`, ms: run.ms });
    expect(run.status, run.stdout.slice(-3000) + run.stderr).toBe(0);
    // configure-recovery shows what it wrote: the restore command and the action, no target.
    expect(run.stdout).toMatch(/│\s*recovery_target_action = 'promote'/);
    expect(run.stdout).not.toMatch(/│\s*recovery_target(_time)? = /);
    expect(run.stdout).toMatch(/│.*archive recovery complete/);
    expect(has('PITR-ULTIMO')).toBe('1');
    expect(sql('SELECT count(*) FROM ticket')).toBe(before);
    expect(await healthyWithin(90_000)).toBe(true);
  });
});

describe('faults and the runbooks that repair them', () => {
  it('500-storm: every answer is a 500, but the log is bounded in rate (at most 5 stack traces a second)', async () => {
    const since = new Date().toISOString();
    const inject = await cli(['lab', 'inject', '500-storm', '--system', SYSTEM]);
    expect(inject.status, inject.stderr).toBe(0);
    const codes = await Promise.all(Array.from({ length: 60 }, async () => (await fetch('http://127.0.0.1:8080/api/tickets')).status));
    expect(new Set(codes)).toEqual(new Set([500]));
    // One more request in a later second makes the server say how many it did not log one by one.
    let said = '';
    for (let i = 0; i < 10 && !said.includes('more requests failed the same way'); i++) {
      await new Promise((r) => setTimeout(r, 1100));
      await fetch('http://127.0.0.1:8080/api/tickets');
      said = docker(['logs', '--since', since, 'ticketero-api']);
    }
    expect(said).toContain('more requests failed the same way');
    const perSecond = new Map<string, number>();
    for (const line of said.split('\n').filter((l) => l.includes('Connection pool shut down'))) perSecond.set(line.slice(0, 19), (perSecond.get(line.slice(0, 19)) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(5);
  });

  it('500-storm → TKA-07 restarts the API', () => repairs({ system: SYSTEM, fault: '500-storm', runbook: 'TKA-07', shows: /restart-api/ }));
  it('rows-deleted → TKA-08 restores the seed backup', () => repairs({ system: SYSTEM, fault: 'rows-deleted', runbook: 'TKA-08' }));
  it('broken-backup → TKA-14 fails midway and its rollback reloads the safety backup', () =>
    repairs({ system: SYSTEM, fault: 'broken-backup', runbook: 'TKA-14', extra: ['-p', `BACKUP_FILE=${join(backups, 'ticketero-broken.sql.gz')}`], expectedStatus: 1, latent: true, shows: /rollback-load-safety-backup/ }));
  it('a restore that fails before its verification → TKA-08\'s rollback loads the safety backup back and starts the API', async () => {
    const injected = await cli(['lab', 'inject', 'broken-backup', '--system', SYSTEM]);
    expect(injected.status, injected.stdout + injected.stderr).toBe(0);
    const before = { tickets: sql('SELECT count(*) FROM ticket'), messages: sql('SELECT count(*) FROM mensaje'), ids: sql('SELECT string_agg(id::text, \',\' ORDER BY id) FROM ticket') };
    const run = await play('TKA-08', ['-p', `BACKUP_FILE=${join(backups, 'ticketero-broken.sql.gz')}`]);
    rows.push({ runbook: 'TKA-08', system: SYSTEM, purpose: 'restore fails: safety backup back', result: result(run.status, 1), ms: run.ms });
    expect(run.status, run.stdout.slice(-3000) + run.stderr).toBe(1);
    expect(run.stdout).toMatch(/Key \(id\)=\(\d+\) is duplicated/);
    expect(run.stdout).toContain('the rollback path completed');
    for (const id of ['rollback-recreate-database', 'rollback-load-safety-backup', 'rollback-start-api']) expect(run.stdout).toMatch(new RegExp(`▶ R\\d/3 ${id} \\[rollback\\][^\\n]*\\n(?:(?!▶)[^\\n]*\\n)*?✔ done`));
    expect({ tickets: sql('SELECT count(*) FROM ticket'), messages: sql('SELECT count(*) FROM mensaje'), ids: sql('SELECT string_agg(id::text, \',\' ORDER BY id) FROM ticket') }).toEqual(before);
    expect(await healthyWithin(90_000)).toBe(true);
  });
  it('a verified restore and then an API that does not get healthy (RabbitMQ stopped too) → TKA-08\'s rollback keeps the restored database and starts the API', async () => {
    const injected = await cli(['lab', 'inject', 'rows-deleted', '--system', SYSTEM]);
    expect(injected.status, injected.stdout + injected.stderr).toBe(0);
    // A second incident at the same time: the broker is down, so the API's health stays DOWN after the restore.
    docker(['stop', 'ticketero-rabbitmq']);
    try {
      const run = await play('TKA-08');
      rows.push({ runbook: 'TKA-08', system: SYSTEM, purpose: 'restore verified, API not healthy', result: result(run.status, 1), ms: run.ms });
      expect(run.status, run.stdout.slice(-3000) + run.stderr).toBe(1);
      expect(run.stdout).toMatch(/Restauración verificada: \d+ tickets/);
      expect(run.stdout).toMatch(/▶ \d+\/\d+ wait-api-health[^\n]*\n(?:[^\n]*\n)*?✖ failed/);
      for (const id of ['rollback-recreate-database', 'rollback-load-safety-backup']) expect(run.stdout).toMatch(new RegExp(`▶ R\\d/3 ${id} \\[rollback\\][^\\n]*\\n(?:(?!▶)[^\\n]*\\n)*?↷ skipped: condition is false`));
      expect(run.stdout).toMatch(/▶ R3\/3 rollback-start-api \[rollback\][^\n]*\n(?:(?!▶)[^\n]*\n)*?✔ done/);
      expect(run.stdout).toContain('the rollback path completed');
      // The restored seed data stays: the safety backup (tickets 4-12 missing) was not loaded back.
      expect(sql('SELECT count(*) FROM ticket WHERE id BETWEEN 4 AND 12')).toBe('9');
    } finally {
      // The next tests need the broker and the API back, whatever failed above.
      docker(['start', 'ticketero-rabbitmq']);
      await healthyWithin(120_000);
    }
    expect(await repairedWithin(SYSTEM, 'rows-deleted', 30_000)).toBeUndefined();
  });
  it('slow → TKA-10 measures it; the slowness ends', () => repairs({ system: SYSTEM, fault: 'slow', runbook: 'TKA-10', settleMs: 150_000 }));
  it('telegram-down → TKA-09 follows Telegram back and the queue drained', () => repairs({ system: SYSTEM, fault: 'telegram-down', runbook: 'TKA-09', shows: /502/ }));
  it('db-down → TKA-01 starts the system in order', () => repairs({ system: SYSTEM, fault: 'db-down', runbook: 'TKA-01' }));
  it('broken-image → TKA-07: the restart does not help, wait-api-health fails and its handler goes back to 1.3.0, written into .env.prod', async () => {
    await repairs({ system: SYSTEM, fault: 'broken-image', runbook: 'TKA-07', shows: /gave up after \d+ checks?: exit status 3 is one of its giveup statuses[\s\S]*✔ wait-api-health recovered by rollback-previous-version/ });
    expect(docker(['inspect', '--format', '{{.Config.Image}}', 'ticketero-api']).trim()).toBe('runbook-lab/ticketero-api:1.3.0');
    expect(readFileSync(envProd, 'utf8')).toMatch(/^NEW_VERSION=1\.3\.0$/m);
  });

  it('TKA-02 deploys the version that does not start: wait-health fails and the rollback brings the previous version back', async () => {
    const env = readFileSync(envProd);
    const run = await play('TKA-02', ['-p', 'NEW_VERSION=1.4.1']);
    rows.push({ runbook: 'TKA-02', system: SYSTEM, purpose: 'new version never healthy', result: result(run.status, 1), ms: run.ms });
    expect(run.status, run.stdout.slice(-3000) + run.stderr).toBe(1);
    expect(run.stdout).toMatch(/✖ failed[^\n]*\n(?:[^\n]*\n)*?⚠ Rolling back: 2 steps/);
    expect(run.stdout).toContain('volviendo a 1.3.0');
    expect(run.stdout).toMatch(/La API se cae al arrancar \(estado \w+, reinicios [1-9]/);
    expect(run.stdout).toMatch(/gave up after \d+ checks?: exit status 3 is one of its giveup statuses/);
    expect(run.stdout).toContain('the rollback path completed');
    expect(docker(['inspect', '--format', '{{.Config.Image}}', 'ticketero-api']).trim()).toBe('runbook-lab/ticketero-api:1.3.0');
    expect(readFileSync(envProd).equals(env)).toBe(true);
    expect(await healthyWithin(90_000)).toBe(true);
  });

  it('TKA-03 from 1.5.0 back to the version that does not start: wait-health fails and the rollback restores 1.5.0', async () => {
    // 1.5.0 deployed (TKA-02), then found wrong: the operator goes back to 1.4.1, which needs a variable .env.prod lacks.
    const deploy = await play('TKA-02');
    expect(deploy.status, deploy.stdout.slice(-3000) + deploy.stderr).toBe(0);
    const run = await play('TKA-03', ['-p', 'TARGET_TAG=1.4.1']);
    rows.push({ runbook: 'TKA-03', system: SYSTEM, purpose: 'target never healthy: back to current', result: result(run.status, 1), ms: run.ms });
    expect(run.status, run.stdout.slice(-3000) + run.stderr).toBe(1);
    expect(run.stdout).toContain('volviendo a 1.5.0');
    expect(run.stdout).toMatch(/La API se cae al arrancar \(estado \w+, reinicios [1-9]/);
    expect(run.stdout).toMatch(/gave up after \d+ checks?: exit status 3 is one of its giveup statuses/);
    expect(run.stdout).toContain('the rollback path completed');
    expect(docker(['inspect', '--format', '{{.Config.Image}}', 'ticketero-api']).trim()).toBe('runbook-lab/ticketero-api:1.5.0');
    expect(await healthyWithin(90_000)).toBe(true);
  });

  it('reset clears faults and restores the seed data', async () => {
    expect((await cli(['lab', 'inject', 'rows-deleted', '--system', SYSTEM])).status).toBe(0);
    const r = await cli(['lab', 'reset', SYSTEM]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(sql('SELECT count(*) FROM ticket')).toBe('12');
    expect(existsSync(join(backups, 'ticketero-broken.sql.gz'))).toBe(false);
    expect(readFileSync(envProd, 'utf8')).toMatch(/^NEW_VERSION=1\.4\.0$/m);
  });
});
