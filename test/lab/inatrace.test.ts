// The lab tier, INATrace: real containers on a real Docker engine (started by the
// lab itself when none runs), faults injected and repaired by the shipped runbooks
// played for real in the `lab` environment.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULTS } from '../../engine/lab/faults/index.js';
import { readEngineInfo } from '../../engine/lab/engine-file.js';
import { labDir, layout } from '../../engine/lab/paths.js';
import { compose } from '../../engine/lab/compose.js';
import { openLab } from '../../engine/lab/session.js';
import { BACKEND_REPO, inatrace, INATRACE_TAG } from '../../engine/lab/systems/inatrace.js';
import { systemContext } from '../../engine/lab/session.js';
import { closeTerminals, startTerminal } from '../support/tmux.js';
import { cli, keepTable, play, result, root, rows, type CliResult } from './support.js';

const lab = labDir(process.env, undefined, process.cwd());
let dockerHost = '';

async function faultCheck(id: string): Promise<string | undefined> {
  const fault = FAULTS.find((f) => f.id === id && f.system === 'inatrace');
  if (!fault) throw new Error(`no fault ${id}`);
  return fault.check(await openLab(lab, process.env));
}

/** INATrace healthy in `lab status --json` (other systems of the lab may be in any state). */
/**
 * Whether the lab sees InaTrace healthy, polled for up to a minute: a run that restarted the
 * backend may end as soon as the backend answers UP, while Docker's own health check (what
 * `lab status` reads) still says "starting" until its next interval.
 */
async function inatraceHealthy(): Promise<boolean> {
  const until = Date.now() + 60_000;
  for (;;) {
    const status: unknown = JSON.parse((await cli(['lab', 'status', '--json'])).stdout);
    const systems = typeof status === 'object' && status !== null && 'systems' in status && Array.isArray(status.systems) ? status.systems : [];
    if (systems.some((s: unknown) => typeof s === 'object' && s !== null && 'name' in s && s.name === 'inatrace' && 'healthy' in s && s.healthy === true)) return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 2000));
  }
}

/** The fault's check, polled: Docker's health check needs a few intervals to see a repaired backend. */
async function repairedWithin(fault: string, ms: number): Promise<string | undefined> {
  const until = Date.now() + ms;
  let problem = await faultCheck(fault);
  while (problem !== undefined && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 3000));
    problem = await faultCheck(fault);
  }
  return problem;
}

/** Injects, plays the repairing runbook, expects the fault's check to pass; a failed attempt resets the system for the next one. */
async function repairs(fault: string, runbook: string, extra: string[] = [], expectedStatus = 0, latent = false): Promise<void> {
  try {
    const injected = await cli(['lab', 'inject', fault, '--system', 'inatrace']);
    expect(injected.status, injected.stdout + injected.stderr).toBe(0);
    // A broken backup is latent: the system is fine until someone restores it.
    if (!latent) expect(await faultCheck(fault)).toBeDefined();
    const run = await play(runbook, extra);
    rows.push({ runbook, system: 'inatrace', purpose: `repairs ${fault}`, result: run.status === expectedStatus ? (expectedStatus === 0 ? 'passed' : `exit ${run.status}, rolled back`) : `FAILED (exit ${run.status})`, ms: run.ms });
    expect(run.status, run.stdout.slice(-3000) + run.stderr).toBe(expectedStatus);
    expect(await repairedWithin(fault, 90_000)).toBeUndefined();
    expect(await inatraceHealthy()).toBe(true);
  } catch (error) {
    await cli(['lab', 'reset', 'inatrace']);
    throw error;
  }
}

beforeAll(async () => {
  const up = await cli(['lab', 'up', 'inatrace']);
  expect(up.status, up.stdout + up.stderr).toBe(0);
  dockerHost = readEngineInfo(layout(lab).engineFile)?.dockerHost ?? '';
}, 40 * 60_000);

afterAll(() => keepTable());

describe('lab up inatrace', () => {
  it('status --json has the documented shape and the system is healthy', async () => {
    const r = await cli(['lab', 'status', '--json']);
    const status: unknown = JSON.parse(r.stdout);
    expect(status).toMatchObject({
      dockerHost: expect.any(String),
      systems: expect.arrayContaining([{ name: 'inatrace', healthy: true, problems: [], containers: [
        expect.objectContaining({ name: 'inatrace-mysql-test-fortaleza', running: true, healthy: true }),
        expect.objectContaining({ name: 'inatrace-be-test-fortaleza', running: true, healthy: true }),
      ] }]),
    });
  });

  it('the database answers docker exec … mysql', () => {
    const out = execFileSync('docker', ['exec', 'inatrace-mysql-test-fortaleza', 'mysql', '-e', 'select 1'], { env: { ...process.env, DOCKER_HOST: dockerHost }, encoding: 'utf8' });
    expect(out).toContain('1');
  });

  it('up again is idempotent', async () => {
    const r = await cli(['lab', 'up', 'inatrace']);
    expect(r.status, r.stderr).toBe(0);
  });

  it('faults --json lists db-down with its repairing runbook', async () => {
    const r = await cli(['lab', 'faults', '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(expect.arrayContaining([{ id: 'db-down', system: 'inatrace', description: expect.any(String), runbook: 'INA-04' }]));
  });
});

// INA-08…28: read-only checks first, then the ones that restart something; INA-14 watches the
// backend for MONITOR_MINUTES=1 (its lab value), the longest of them.
const HEALTHY = ['SOP-001', 'SOP-002', 'SOP-003', 'SOP-004', 'INA-06',
  'INA-24', 'INA-13', 'INA-19', 'INA-22', 'INA-21', 'INA-20', 'INA-18', 'INA-26', 'INA-27', 'INA-28',
  'INA-09', 'INA-10', 'INA-11', 'INA-16', 'INA-15', 'INA-08', 'INA-23', 'INA-14', 'MW-01'];

/** What a run's output shows when it met the lab's system for real (step output, not the echoed script). */
const SHOWS: Record<string, RegExp> = {
  'INA-24': /│ gzip íntegro/,
  'INA-13': /│ User +8\b/,
  'INA-19': /│ HTTP \d{3}/,
  'INA-20': /│ \/inatrace-be-test-fortaleza: \d+ MB · json-file max-size=10m/,
  'INA-27': /│ \| +2 \| maria\.lopez@fortaleza\.ec \| USER/,
  'INA-10': /│ \S+\/backups\/backup-users-\d{8}-\d{6}\.sql\.gz/,
  'INA-11': /Último: \S+\/backup-\d{8}-\d{6}-pre-deploy\.sql\.gz · CREATE TABLE: [1-9]/,
  'INA-16': /│ Tablas restauradas: (\d+) \(respaldo: \1\)/,
  'INA-23': /│ .*Started INATraceBackendApplication/,
};

describe('healthy system: every runbook with a lab environment passes', () => {
  for (const id of HEALTHY) {
    it(`${id} exits 0`, async () => {
      const run = await play(id);
      rows.push({ runbook: id, system: 'inatrace', purpose: 'healthy system', result: run.status === 0 ? 'passed' : `FAILED (exit ${run.status})`, ms: run.ms });
      expect(run.status, run.stdout.slice(-3000) + run.stderr).toBe(0);
      const shows = SHOWS[id];
      if (shows) expect(run.stdout).toMatch(shows);
      if (id === 'INA-16') {
        const left = execFileSync('docker', ['ps', '-a', '-q', '--filter', 'label=inatrace.restore-test=true'], { env: { ...process.env, DOCKER_HOST: dockerHost }, encoding: 'utf8' });
        expect(left.trim(), 'INA-16 removes its throwaway container').toBe('');
      }
    });
  }
});

describe('INA-12 schedules the lab backup in the real crontab, INA-25 finds it, lab down removes it', () => {
  const crontab = (args: string[], input?: string) => spawnSync('crontab', args, { encoding: 'utf8', input });
  let saved: string | undefined;
  const script = join(lab, 'systems', 'inatrace', 'backup-inatrace.sh');
  beforeAll(() => {
    const listed = crontab(['-l']);
    saved = listed.status === 0 ? listed.stdout : undefined;
  });
  afterAll(() => {
    if (saved === undefined) crontab(['-r']);
    else crontab(['-'], saved);
  });

  it('INA-12 installs the script, makes a real backup and one crontab line; INA-25 sees them', async () => {
    for (const id of ['INA-12', 'INA-25']) {
      const run = await play(id);
      rows.push({ runbook: id, system: 'inatrace', purpose: id === 'INA-12' ? 'backup script + crontab' : 'after INA-12', result: run.status === 0 ? 'passed' : `FAILED (exit ${run.status})`, ms: run.ms });
      expect(run.status, run.stdout.slice(-3000) + run.stderr).toBe(0);
      if (id === 'INA-25') expect(run.stdout).toContain(`Instalado: ${script}`);
    }
    expect(crontab(['-l']).stdout.split('\n').filter((l) => l.includes(script))).toEqual([`0 2 * * * ${script}`]);
  });

  it("lab down of another lab root removes that lab's crontab lines only", async () => {
    const other = mkdtempSync(join(tmpdir(), 'runbook-lab-cron-'));
    const theirs = `0 3 * * * ${join(other, 'systems', 'inatrace', 'backup-inatrace.sh')}`;
    crontab(['-'], `${crontab(['-l']).stdout}${theirs}\n`);
    const down = await cli(['lab', 'down', '--lab-dir', other]);
    rmSync(other, { recursive: true, force: true });
    expect(down.status, down.stdout + down.stderr).toBe(0);
    expect(down.stdout).toContain('Removed 1 crontab lines');
    const left = crontab(['-l']).stdout;
    expect(left).not.toContain(theirs);
    expect(left).toContain(script);
  });
});

describe('INA-17 in a real terminal: a deploy happens while the operator waits at the Jenkins step', () => {
  afterAll(closeTerminals);

  /** What Jenkins' Deploy stage does on the server: a new tag in `.env`, the backend recreated with it. */
  async function deploy(tag: string): Promise<void> {
    const l = await openLab(lab, process.env);
    await l.docker.out(['tag', `${BACKEND_REPO}:${INATRACE_TAG}`, `${BACKEND_REPO}:${tag}`]);
    const env = join(inatrace.deployDir(l.lab.systemDir('inatrace')), '.env');
    writeFileSync(env, readFileSync(env, 'utf8').replace(/^TAG=.*$/m, `TAG=${tag}`));
    await compose(l, inatrace, ['up', '-d', '--force-recreate', '--no-deps', 'backend']);
  }

  it('every step is answered as an operator would; after the deploy the image, health, start and logs pass', async () => {
    const runbook = join(root, 'runbooks', 'inatrace', 'INA-17-deploy-checklist.md');
    const term = startTerminal('ina17', `play ${runbook} --env lab`, { cwd: root, env: { RUNBOOK_LAB_DIR: lab, RUNBOOK_LANG: 'en' } });
    const started = Date.now();
    let deployed = false;
    try {
      await term.waitFor('ERROR_PATTERN —');
      term.keys('Enter'); // the default pattern
      let answered = 0;
      const deadline = Date.now() + 5 * 60_000;
      for (;;) {
        const screen = term.screen();
        if (/EXIT=\d+/.test(screen)) break;
        const steps = [...screen.matchAll(/^▶ (\d+)\/\d+ (\S+)/gm)];
        const last = steps.at(-1);
        const step = last ? Number(last[1]) : 0;
        if (last && step > answered && /\? (Manual step: done\?|What now\?)/.test(screen.slice(last.index))) {
          if (last[2]?.startsWith('las-etapas-tests-build-push')) { // the manual step "las etapas tests, build, push y deploy terminan en verde"
            await deploy('test-def5678');
            deployed = true;
          }
          term.keys('Enter'); // Done / Run
          answered = step;
        }
        if (Date.now() > deadline) throw new Error(`INA-17 did not finish:\n${screen}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      const final = term.screen();
      rows.push({ runbook: 'INA-17', system: 'inatrace', purpose: 'deploy of test-def5678 (tmux)', result: final.includes('EXIT=0') ? 'passed' : 'FAILED', ms: Date.now() - started });
      expect(deployed).toBe(true);
      expect(final, final).toContain('EXIT=0');
      expect(final).toMatch(/Antes: \S+:test-abc1234 sha256:\w+ · ahora: \S+:test-def5678 sha256:/);
    } finally {
      await deploy(INATRACE_TAG); // back to the lab's tag
      const l = await openLab(lab, process.env);
      await l.docker.run(['rmi', `${BACKEND_REPO}:test-def5678`]); // only the tag: the image is the lab's
    }
    expect(await repairedWithin('broken-image', 90_000)).toBeUndefined();
  }, 8 * 60_000);
});

describe('faults and the runbooks that repair them', () => {
  it('db-down → INA-04', () => repairs('db-down', 'INA-04'));
  it('db-down → INA-23 (the full restart starts MySQL again)', () => repairs('db-down', 'INA-23'));
  it('db-password-drift → INA-04', () => repairs('db-password-drift', 'INA-04'));
  it('failed-migration → INA-03', () => repairs('failed-migration', 'INA-03'));
  it('rows-deleted → INA-02 (Product from the seed backup)', () => repairs('rows-deleted', 'INA-02'));
  it('broken-backup → INA-01 fails midway and its rollback restores the safety backup', () =>
    repairs('broken-backup', 'INA-01', ['-p', `BACKUP_FILE=${join(lab, 'systems', 'inatrace', 'backups', 'inatrace-broken.sql.gz')}`], 1, true));
  it('broken-image → INA-07 (back to test-abc1234)', () => repairs('broken-image', 'INA-07'));
  for (const table of ['User', 'Company']) {
    it(`INA-02 restores the manual's example table ${table}`, async () => {
      const run = await play('INA-02', ['-p', `TABLE_NAME=${table}`]);
      rows.push({ runbook: 'INA-02', system: 'inatrace', purpose: `restore table ${table}`, result: run.status === 0 ? 'passed' : `FAILED (exit ${run.status})`, ms: run.ms });
      expect(run.status, run.stdout.slice(-3000) + run.stderr).toBe(0);
      expect(await repairedWithin('rows-deleted', 90_000)).toBeUndefined();
    });
  }
  it('INA-01 restores the seed backup on a healthy system', async () => {
    const run = await play('INA-01');
    rows.push({ runbook: 'INA-01', system: 'inatrace', purpose: 'full restore of the seed backup', result: run.status === 0 ? 'passed' : `FAILED (exit ${run.status})`, ms: run.ms });
    expect(run.status, run.stdout.slice(-3000) + run.stderr).toBe(0);
  });
  it('reset clears faults and restores the seed data', async () => {
    expect((await cli(['lab', 'inject', 'rows-deleted', '--system', 'inatrace'])).status).toBe(0);
    const r = await cli(['lab', 'reset', 'inatrace']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(await faultCheck('rows-deleted')).toBeUndefined();
  });
});

/** SQL as root in the lab's database (the seed schema), the rows tab-separated. */
function labSql(query: string): string {
  return execFileSync('docker', ['exec', '-i', 'inatrace-mysql-test-fortaleza', 'sh', '-c', 'MYSQL_PWD="$MYSQL_ROOT_PASSWORD" exec mysql -u root -N -B "$MYSQL_DATABASE"'], { env: { ...process.env, DOCKER_HOST: dockerHost }, encoding: 'utf8', input: query }).trim();
}

/** Plays a runbook that must fail for real and take its rollback path: exit 1, the rollback completed. */
async function rollsBack(runbook: string, purpose: string, extra: string[] = []): Promise<CliResult> {
  const run = await play(runbook, extra);
  rows.push({ runbook, system: 'inatrace', purpose, result: result(run.status, 1), ms: run.ms });
  expect(run.status, run.stdout.slice(-3000) + run.stderr).toBe(1);
  expect(run.stdout).toContain('the rollback path completed');
  return run;
}

// Each runbook's rollback path, reached by a real failure (a broken file, a held port, a stopped
// container), not by editing the runbook; then what the system holds after it.
describe('rollback paths, played for real', () => {
  const backups = join(lab, 'systems', 'inatrace', 'backups');
  const envFile = join(lab, 'systems', 'inatrace', 'backend', 'test', 'fortaleza', '.env');

  it('INA-02 with a backup that breaks inside the table: the load fails, the rollback reloads the safety backup and starts the backend', async () => {
    expect((await cli(['lab', 'inject', 'broken-backup', '--system', 'inatrace'])).status).toBe(0);
    const before = labSql('CHECKSUM TABLE Product');
    const run = await rollsBack('INA-02', 'backup breaks inside Product', ['-p', `BACKUP_FILE=${join(backups, 'inatrace-broken.sql.gz')}`, '-p', 'TABLE_NAME=Product']);
    expect(run.stdout).toContain("Table 'Company' was not locked with LOCK TABLES");
    expect(run.stdout).toMatch(/│ Tabla Product devuelta a su estado previo: \S+backup-pre-restore-Product-\d{8}-\d{6}\.sql\.gz/);
    expect(labSql('CHECKSUM TABLE Product')).toBe(before);
    expect(await seedCounts()).toEqual(inatrace.seedCounts);
    expect(await repairedWithin('rows-deleted', 90_000)).toBeUndefined();
  });

  it('SOP-002 with the database stopped: the backend falls again after the restart, the rollback (full down/up) brings it back', async () => {
    expect((await cli(['lab', 'inject', 'db-down', '--system', 'inatrace'])).status).toBe(0);
    const run = await rollsBack('SOP-002', 'db-down: restart not enough');
    expect(run.stdout).toMatch(/El backend se cayó tras el reinicio \(estado \w+, reinicios [1-9]/);
    expect(run.stdout).toMatch(/gave up after \d+ checks?: exit status 3 is one of its giveup statuses/);
    expect(run.stdout).toContain('Communications link failure');
    expect(run.stdout).toMatch(/│ UP\n/);
    expect(await repairedWithin('db-down', 90_000)).toBeUndefined();
    expect(await seedCounts()).toEqual(inatrace.seedCounts);
  });

  it('INA-23 when something starts MySQL again during the window: check-stopped fails, the rollback brings everything up', async () => {
    // A watchdog of the server (a cron job that starts the database when it is down), played by
    // `docker start` at the database's stop event.
    const events = spawn('docker', ['events', '--filter', 'container=inatrace-mysql-test-fortaleza', '--filter', 'event=stop', '--format', '{{.Action}}'], { env: { ...process.env, DOCKER_HOST: dockerHost }, stdio: ['ignore', 'pipe', 'ignore'] });
    let restarted = false;
    events.stdout.once('data', () => {
      restarted = true;
      execFileSync('docker', ['start', 'inatrace-mysql-test-fortaleza'], { env: { ...process.env, DOCKER_HOST: dockerHost }, stdio: 'ignore' });
    });
    await new Promise((r) => setTimeout(r, 1000)); // docker events is listening
    try {
      const run = await rollsBack('INA-23', 'MySQL started again mid-window');
      expect(restarted).toBe(true);
      expect(run.stdout).toContain('Siguen en ejecución: mysql');
      expect(run.stdout).toMatch(/R2\/2 rollback-wait-healthy[\s\S]*│ true\n/);
    } finally {
      events.kill();
    }
    expect(await repairedWithin('db-down', 90_000)).toBeUndefined();
    expect(await seedCounts()).toEqual(inatrace.seedCounts);
  });

  it("INA-04 when another process holds 8082: the cause is Docker's start error, not an old log line; MySQL is not restarted; the rollback keeps the evidence", async () => {
    const docker = (args: string[]) => execFileSync('docker', args, { env: { ...process.env, DOCKER_HOST: dockerHost }, encoding: 'utf8', stdio: 'pipe' }).trim();
    // An earlier incident, over: the database went away for a moment, and its errors stay in the backend's log.
    docker(['stop', 'inatrace-mysql-test-fortaleza']);
    await new Promise((r) => setTimeout(r, 6000));
    docker(['start', 'inatrace-mysql-test-fortaleza']);
    expect(await repairedWithin('db-down', 90_000)).toBeUndefined();
    // Then the backend is stopped, something else takes its port, and Docker cannot start it again.
    docker(['stop', 'inatrace-be-test-fortaleza']);
    // Drops every connection: one never read would keep close() waiting (the runbook's curl connects).
    const squatter = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => squatter.listen(8082, '127.0.0.1', resolve));
    try {
      expect(() => docker(['start', 'inatrace-be-test-fortaleza'])).toThrow(/address already in use/);
      const mysqlStarted = docker(['inspect', '--format', '{{.State.StartedAt}}', 'inatrace-mysql-test-fortaleza']);
      const run = await rollsBack('INA-04', 'port 8082 held: recreate fails');
      expect(run.stdout).toContain('Docker no pudo arrancar el contenedor');
      expect(run.stdout).toMatch(/Causa principal: puerto\n[\s\S]*│ puerto\n/);
      expect(run.stdout).not.toMatch(/▶ \d+\/\d+ restart-mysql[^\n]*\n(?:(?!▶)[\s\S])*✔ done/);
      expect(docker(['inspect', '--format', '{{.State.StartedAt}}', 'inatrace-mysql-test-fortaleza']), 'MySQL was not restarted').toBe(mysqlStarted);
      const evidence = /│ Evidencia: (\S+\.log) y \S+\.log/.exec(run.stdout)?.[1];
      expect(evidence).toBeDefined();
      expect(JSON.parse(readFileSync(`${evidence ?? ''}.estado.json`, 'utf8'))).toMatchObject({ ErrorDocker: expect.stringContaining('address already in use') });
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
    // The port is free again: `lab up` brings the backend back (the failed recreate left v1's renamed container).
    const up = await cli(['lab', 'up', 'inatrace']);
    expect(up.status, up.stdout + up.stderr).toBe(0);
    expect(await inatraceHealthy()).toBe(true);
  });

  it('INA-03 on a half-applied migration and an .env without its last newline: the repair runs V3 again, it fails again, the rollback puts .env back byte for byte', async () => {
    expect((await cli(['lab', 'inject', 'failed-migration', '--system', 'inatrace'])).status).toBe(0);
    try {
      // V3 half applied by hand (a column renamed): its INSERT fails again after the repair.
      labSql('ALTER TABLE Product CHANGE name nombre VARCHAR(255) NOT NULL');
      // The last line without its newline, as some editors leave it: the variable must not be glued to it.
      const before = readFileSync(envFile, 'utf8').replace(/\n$/, '');
      writeFileSync(envFile, before);
      const run = await rollsBack('INA-03', 'V3 fails again after the repair');
      expect(run.stdout).toMatch(/▶ \d+\/\d+ enable-repair[\s\S]*?│ INATRACE_FLYWAY_REPAIR_ON_STARTUP=true\n/);
      expect(run.stdout).toMatch(/El backend se cayó al arrancar con el repair \(estado \w+, reinicios [1-9]/);
      expect(run.stdout).toMatch(/gave up after \d+ checks?: exit status 3 is one of its giveup statuses/);
      expect(run.stdout).toContain('Migration V3__add_product_table.sql failed');
      expect(run.stdout).toMatch(/│ Restaurado \.env desde \S+env-pre-flyway-repair-\d{8}-\d{6}/);
      expect(readFileSync(envFile, 'utf8')).toBe(before);
      const env = execFileSync('docker', ['inspect', '--format', '{{json .Config.Env}}', 'inatrace-be-test-fortaleza'], { env: { ...process.env, DOCKER_HOST: dockerHost }, encoding: 'utf8' });
      expect(env).toContain('INATRACE_FLYWAY_REPAIR_ON_STARTUP=false');
    } finally {
      const reset = await cli(['lab', 'reset', 'inatrace']);
      expect(reset.status, reset.stdout + reset.stderr).toBe(0);
    }
    expect(await repairedWithin('failed-migration', 90_000)).toBeUndefined();
  });

  it("INA-15 when the scratch database is left from an earlier sitting: creating it fails, and the rollback does not drop what no step created", async () => {
    labSql('CREATE DATABASE inatrace_examen_restauracion; CREATE TABLE inatrace_examen_restauracion.notas (id INT); INSERT INTO inatrace_examen_restauracion.notas VALUES (7);');
    try {
      const run = await play('INA-15');
      rows.push({ runbook: 'INA-15', system: 'inatrace', purpose: 'scratch DB already there', result: run.status === 1 ? 'exit 1, nothing to roll back' : `FAILED (exit ${run.status})`, ms: run.ms });
      expect(run.status, run.stdout.slice(-3000) + run.stderr).toBe(1);
      expect(run.stdout).toContain("Can't create database 'inatrace_examen_restauracion'; database exists");
      expect(run.stdout).toContain('the rollback path restored nothing: every rollback step was skipped');
      expect(labSql('SELECT id FROM inatrace_examen_restauracion.notas')).toBe('7');
    } finally {
      labSql('DROP DATABASE IF EXISTS inatrace_examen_restauracion');
    }
    expect(await inatraceHealthy()).toBe(true);
  });

  it('INA-12 when mysqldump fails (a view over a dropped table): the test run fails, the rollback puts back the previous script and crontab', async () => {
    const crontab = (args: string[], input?: string) => spawnSync('crontab', args, { encoding: 'utf8', input });
    const listed = crontab(['-l']);
    const saved = listed.status === 0 ? listed.stdout : undefined;
    const script = join(lab, 'systems', 'inatrace', 'backup-inatrace.sh');
    const previous = '#!/bin/bash\n# versión anterior del respaldo\nexit 0\n';
    writeFileSync(script, previous, { mode: 0o700 });
    const line = `30 1 * * * ${script}\n`;
    crontab(['-'], line);
    labSql('CREATE TABLE tmp_informe (id INT); CREATE VIEW v_informe AS SELECT id FROM tmp_informe; DROP TABLE tmp_informe;');
    try {
      const run = await rollsBack('INA-12', 'mysqldump fails on a broken view');
      expect(run.stdout).toContain("View 'inatrace.v_informe' references invalid table(s)");
      expect(run.stdout).toContain('│ Script anterior restaurado');
      expect(readFileSync(script, 'utf8')).toBe(previous);
      expect(crontab(['-l']).stdout).toBe(line);
      expect(readdirSync(backups).filter((f) => f.endsWith('.partial'))).toEqual([]);
      expect(readFileSync(join(lab, 'systems', 'inatrace', 'inatrace-backup.log'), 'utf8')).toMatch(/ERROR: respaldo fallido \(código 2\)\n$/);
    } finally {
      labSql('DROP VIEW IF EXISTS v_informe');
      if (saved === undefined) crontab(['-r']);
      else crontab(['-'], saved);
    }
  });

  it('INA-07 to an older release that fails Flyway validation against the current schema: the wait fails at once, the rollback returns to test-abc1234, healthy', async () => {
    const docker = (args: string[], input?: string) => execFileSync('docker', args, { env: { ...process.env, DOCKER_HOST: dockerHost }, encoding: 'utf8', input, stdio: 'pipe' });
    const older = `${BACKEND_REPO}:test-abc1233`;
    const crash = "console.log('Starting INATraceBackendApplication vtest-abc1233'); console.error('org.flywaydb.core.api.exception.FlywayValidateException: Validate failed: Migrations have failed validation. Detected applied migration not resolved locally: 3.'); process.exit(1)";
    docker(['build', '-q', '--label', `io.runbook.lab=${lab}`, '-t', older, '-'], `FROM ${BACKEND_REPO}:${INATRACE_TAG}\nCMD ${JSON.stringify(['node', '-e', crash])}\n`);
    const before = readFileSync(envFile, 'utf8');
    try {
      const run = await rollsBack('INA-07', 'older release fails Flyway validate', ['-p', 'ROLLBACK_TAG=test-abc1233']);
      expect(run.stdout).toMatch(/La versión test-abc1233 se cae al arrancar \(estado \w+, reinicios [1-9]/);
      expect(run.stdout).toMatch(/gave up after \d+ checks?: exit status 3 is one of its giveup statuses/);
      expect(run.stdout).toContain('Detected applied migration not resolved locally: 3.');
      expect(run.stdout).toContain(`│ Imagen en ejecución: ${BACKEND_REPO}:${INATRACE_TAG}\n`);
      expect(readFileSync(envFile, 'utf8')).toBe(before);
      expect(docker(['inspect', '--format', '{{.Config.Image}}', 'inatrace-be-test-fortaleza']).trim()).toBe(`${BACKEND_REPO}:${INATRACE_TAG}`);
    } finally {
      docker(['rmi', older]);
    }
    expect(await repairedWithin('broken-image', 90_000)).toBeUndefined();
    expect(await inatraceHealthy()).toBe(true);
  });
});

/** The database server's version, as the runbooks read it. */
function serverVersion(): string {
  return execFileSync('docker', ['exec', 'inatrace-mysql-test-fortaleza', 'mysql', '-N', '-B', '-e', 'SELECT VERSION()'], { env: { ...process.env, DOCKER_HOST: dockerHost }, encoding: 'utf8' }).trim();
}

/** The image on the database service's `image:` line of the lab's docker-compose.yml. */
function composeDatabaseImage(): string | undefined {
  const file = join(lab, 'systems', 'inatrace', 'backend', 'test', 'fortaleza', 'docker-compose.yml');
  return readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).find((l) => l.startsWith('image: runbook-lab/mariadb:'))?.slice('image: '.length);
}

async function seedCounts(): Promise<Record<string, number>> {
  return inatrace.counts(systemContext(await openLab(lab, process.env), inatrace));
}

// INA-05 (Práctica 27) on the lab's MariaDB: 10.11 (Debian 12) → 11.8 (Debian 13), a real data directory.
describe('INA-05 upgrades the database server for real: MariaDB 10.11 → 11.8, and rolls back', () => {
  const readOnly = 'runbook-lab/mariadb:11.8.9-innodb-read-only';
  const docker = (args: string[], input?: string) => execFileSync('docker', args, { env: { ...process.env, DOCKER_HOST: dockerHost }, encoding: 'utf8', input, stdio: 'pipe' });

  it('INA-05 --env lab with no -p: 11.8 runs on the upgraded datadir, mariadb-upgrade ran, seed rows intact, backend healthy', async () => {
    expect(serverVersion()).toMatch(/^10\.11\.\d+-MariaDB/);
    const run = await play('INA-05');
    rows.push({ runbook: 'INA-05', system: 'inatrace', purpose: 'MariaDB 10.11 → 11.8', result: result(run.status), ms: run.ms });
    expect(run.status, run.stdout.slice(-3000) + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/│ mariadb\n/);
    expect(run.stdout).toMatch(/│ Phase 8\/8: Running 'FLUSH PRIVILEGES'\n +│ OK\n/);
    expect(run.stdout).toMatch(/│ This installation of MariaDB is already upgraded to 11\.8\.\d+-MariaDB\./);
    expect(serverVersion()).toMatch(/^11\.8\.\d+-MariaDB/);
    expect(composeDatabaseImage()).toMatch(/^runbook-lab\/mariadb:11\.8\.\d+$/);
    expect(await seedCounts()).toEqual(inatrace.seedCounts);
    expect(await inatraceHealthy()).toBe(true);
  });

  it('lab up keeps the upgraded server; lab reset brings back 10.11 and the seed data', async () => {
    const up = await cli(['lab', 'up', 'inatrace']);
    expect(up.status, up.stdout + up.stderr).toBe(0);
    expect(serverVersion()).toMatch(/^11\.8\./);
    const reset = await cli(['lab', 'reset', 'inatrace']);
    expect(reset.status, reset.stdout + reset.stderr).toBe(0);
    expect(serverVersion()).toMatch(/^10\.11\./);
    expect(composeDatabaseImage()).toMatch(/^runbook-lab\/mariadb:10\.11\.\d+$/);
    expect(await seedCounts()).toEqual(inatrace.seedCounts);
  });

  it('a target that cannot open the datadir (InnoDB read-only: no change-buffer upgrade) fails at once, and the rollback restores 10.11 and its datadir', async () => {
    // The lab's real 11.8 server, with one setting that keeps InnoDB from touching the datadir.
    const upgrade = docker(['images', '--format', '{{.Repository}}:{{.Tag}}', 'runbook-lab/mariadb']).split('\n').find((t) => /^runbook-lab\/mariadb:11\.8\.\d+$/.test(t));
    expect(upgrade).toBeDefined();
    docker(['build', '-q', '--label', `io.runbook.lab=${lab}`, '-t', readOnly, '-'], `FROM ${upgrade}\nRUN printf '[mariadbd]\\ninnodb_read_only = ON\\n' > /etc/mysql/mariadb.conf.d/99-lab-read-only.cnf\n`);
    try {
      const run = await play('INA-05', ['-p', `NEW_MYSQL_IMAGE=${readOnly}`]);
      rows.push({ runbook: 'INA-05', system: 'inatrace', purpose: 'target cannot open the datadir', result: result(run.status, 1), ms: run.ms });
      expect(run.status, run.stdout.slice(-3000) + run.stderr).toBe(1);
      expect(run.stdout).toContain('innodb_read_only=ON prevents an upgrade of the change buffer');
      expect(run.stdout).toMatch(/│ Copia en frío restaurada: \d+ archivos/);
      expect(run.stdout).toContain('ROLLED BACK');
      expect(serverVersion()).toMatch(/^10\.11\./);
      expect(composeDatabaseImage()).toMatch(/^runbook-lab\/mariadb:10\.11\.\d+$/);
      expect(await seedCounts()).toEqual(inatrace.seedCounts);
      expect(await inatraceHealthy()).toBe(true);
    } finally {
      docker(['rmi', readOnly]);
      const reset = await cli(['lab', 'reset', 'inatrace']);
      expect(reset.status, reset.stdout + reset.stderr).toBe(0);
      // INA-05's dumps, cold copies and compose copies (≈130 MB a datadir): not the seed system's.
      const backups = join(lab, 'systems', 'inatrace', 'backups');
      for (const f of readdirSync(backups)) {
        if (['backup-pre-mysql-update-', 'mysql-datadir-', 'docker-compose.yml.pre-mysql-update-'].some((p) => f.startsWith(p))) rmSync(join(backups, f), { recursive: true, force: true });
      }
    }
  });
});

describe('bad input and other labs', () => {
  it('an unknown system or fault is a usage error naming what exists', async () => {
    const system = await cli(['lab', 'up', 'nosuch']);
    expect(system.status).toBe(2);
    expect(system.stderr).toContain('Unknown system `nosuch`; the lab provides: inatrace');
    const fault = await cli(['lab', 'inject', 'disk-on-fire']);
    expect(fault.status).toBe(2);
    expect(fault.stderr).toContain('Unknown fault `disk-on-fire`; known faults: db-down');
    const sub = await cli(['lab', 'explode']);
    expect(sub.status).toBe(2);
  });

  it('a port taken by something else is refused with a clear message', async () => {
    execFileSync('docker', ['stop', 'inatrace-be-test-fortaleza'], { env: { ...process.env, DOCKER_HOST: dockerHost } });
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(8082, '127.0.0.1', resolve));
    try {
      const r = await cli(['lab', 'up', 'inatrace']);
      expect(r.status).toBe(1);
      expect(r.stdout + r.stderr).toContain('Port 127.0.0.1:8082 (system inatrace) is taken by something the lab did not make');
      expect(r.stdout + r.stderr, 'names the process that holds the port').toContain(`(pid ${process.pid})`);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
    const again = await cli(['lab', 'up', 'inatrace']);
    expect(again.status, again.stdout + again.stderr).toBe(0);
  });

  it('a lab that is not up says so (exit 1)', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'runbook-lab-empty-'));
    const r = await cli(['lab', 'status', '--lab-dir', empty]);
    rmSync(empty, { recursive: true, force: true });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('No lab is up at');
  });

  it('another lab on the same engine refuses the containers it did not make, and its down leaves them alone', async () => {
    const other = mkdtempSync(join(tmpdir(), 'runbook-lab-other-'));
    expect(dockerHost).not.toBe('');
    const env = { DOCKER_HOST: dockerHost };
    const up = await cli(['lab', 'up', 'inatrace', '--lab-dir', other], env);
    expect(up.status).toBe(1);
    expect(up.stdout + up.stderr).toContain('was not made by the lab at');
    const down = await cli(['lab', 'down', '--lab-dir', other], env);
    expect(down.status).toBe(0);
    rmSync(other, { recursive: true, force: true });
    expect(await inatraceHealthy()).toBe(true);
  });
});
