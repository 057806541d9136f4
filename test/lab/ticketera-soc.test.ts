// The lab tier, Ticketera SOC: PostgreSQL, backend, frontend and Nginx (ticketera_*_1), the SOC
// runbooks played for real in the `lab` environment, each fault repaired by its runbook (SOC-04's
// handler recreate-backend too, after the backend's container is removed).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULTS } from '../../engine/lab/faults/index.js';
import { readEngineInfo } from '../../engine/lab/engine-file.js';
import { labDir, layout } from '../../engine/lab/paths.js';
import { openLab } from '../../engine/lab/session.js';
import { SOC_HTTP_PORT } from '../../engine/lab/systems/ticketera-soc.js';
import { closeTerminals, startTerminal, type Terminal } from '../support/tmux.js';
import { cli, keepTable, play, repairedWithin, result, root, rows } from './support.js';

const SYSTEM = 'ticketera-soc';
const lab = labDir(process.env, undefined, process.cwd());
const backups = join(lab, 'systems', SYSTEM, 'backups');
let dockerHost = '';

async function faultCheck(id: string): Promise<string | undefined> {
  const fault = FAULTS.find((f) => f.id === id && f.system === SYSTEM);
  if (!fault) throw new Error(`no fault ${id}`);
  return fault.check(await openLab(lab, process.env));
}

function docker(args: string[]): string {
  return execFileSync('docker', args, { env: { ...process.env, DOCKER_HOST: dockerHost }, encoding: 'utf8' });
}

/** Injects, plays the repairing runbook, expects the fault's check to pass; a failed attempt resets the system for the next one. */
async function repairs(fault: string, runbook: string, options: { extra?: string[]; status?: number; latent?: boolean } = {}): Promise<void> {
  const expected = options.status ?? 0;
  try {
    const injected = await cli(['lab', 'inject', fault, '--system', SYSTEM]);
    expect(injected.status, injected.stdout + injected.stderr).toBe(0);
    // A broken backup is latent: the system is fine until someone restores it.
    if (!options.latent) expect(await faultCheck(fault)).toBeDefined();
    const run = await play(runbook, options.extra);
    rows.push({ runbook, system: SYSTEM, purpose: `repairs ${fault}`, result: result(run.status, expected), ms: run.ms });
    expect(run.status, run.stdout.slice(-3000) + run.stderr).toBe(expected);
    expect(await repairedWithin(() => faultCheck(fault), 90_000)).toBeUndefined();
  } catch (error) {
    await cli(['lab', 'reset', SYSTEM]);
    throw error;
  }
}

beforeAll(async () => {
  const up = await cli(['lab', 'up', SYSTEM]);
  expect(up.status, up.stdout + up.stderr).toBe(0);
  dockerHost = readEngineInfo(layout(lab).engineFile)?.dockerHost ?? '';
}, 40 * 60_000);

afterAll(() => keepTable('lab-table-ticketera-soc.md'));

describe('lab up ticketera-soc', () => {
  it('status --json: the four containers with the Compose v1 names, healthy', async () => {
    const status: unknown = JSON.parse((await cli(['lab', 'status', '--json'])).stdout);
    expect(status).toMatchObject({
      systems: expect.arrayContaining([{ name: SYSTEM, healthy: true, problems: [], containers: ['ticketera_db_1', 'ticketera_backend_1', 'ticketera_frontend_1', 'ticketera_nginx_1'].map((name) => expect.objectContaining({ name, running: true, healthy: true })) }]),
    });
  });

  it('the seed data is in PostgreSQL, the seed backups are private, only Nginx is published (on 127.0.0.1)', () => {
    expect(docker(['exec', 'ticketera_db_1', 'psql', '-U', 'ticketera', '-d', 'ticketera', '-Atc', 'select count(*) from tickets']).trim()).toBe('12');
    const modes = execFileSync('stat', ['-c', '%a %n', join(backups, 'db_backup_seed.sql.gz'), join(backups, 'uploads_backup_seed.tar.gz')], { encoding: 'utf8' });
    expect(modes).toMatch(/^600 .*db_backup_seed\.sql\.gz\n600 .*uploads_backup_seed\.tar\.gz\n$/);
    expect(docker(['port', 'ticketera_nginx_1']).trim()).toBe('80/tcp -> 127.0.0.1:8090');
    expect(docker(['port', 'ticketera_backend_1']).trim()).toBe('');
  });

  it('faults --json lists the system\'s faults with their repairing runbooks', async () => {
    const faults: unknown = JSON.parse((await cli(['lab', 'faults', '--json'])).stdout);
    for (const [id, runbook] of [['admin-locked', 'SOC-06'], ['db-down', 'SOC-05'], ['port-in-use', 'SOC-04'], ['disk-full', 'SOC-03'], ['rows-deleted', 'SOC-02'], ['broken-backup', 'SOC-02']]) {
      expect(faults).toEqual(expect.arrayContaining([{ id, system: SYSTEM, description: expect.any(String), runbook }]));
    }
  });

  it('a fault in several systems needs --system; the bad-input message lists ticketera-soc', async () => {
    const r = await cli(['lab', 'inject', 'db-down', '--system', 'nosuch']);
    expect(r.status).toBe(2);
    const several = await cli(['lab', 'inject', 'db-down']);
    if (several.status === 2) expect(several.stderr).toContain('inatrace, ticketera-soc, ticketero-api');
    else {
      // ticketera-soc is the only system up that has db-down: the bare form picked it (the database is stopped);
      // start it again for the tests after (cheaper than a reset: the data was not touched)
      expect(several.status, several.stderr).toBe(0);
      expect(await faultCheck('db-down')).toBeDefined();
      docker(['start', 'ticketera_db_1']);
      expect(await repairedWithin(() => faultCheck('db-down'), 90_000)).toBeUndefined();
    }
    const unknown = await cli(['lab', 'up', 'nosuch']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('the lab provides: inatrace, pawpaw, ticketera-soc, ticketero-api');
  });
});

describe('healthy system: the SOC runbooks pass', () => {
  for (const id of ['SOC-01', 'SOC-04', 'SOC-05', 'SOC-07', 'SOC-08', 'SOC-09', 'SOC-03', 'SOC-02']) {
    it(`${id} exits 0`, async () => {
      const run = await play(id);
      rows.push({ runbook: id, system: SYSTEM, purpose: 'healthy system', result: result(run.status), ms: run.ms });
      expect(run.status, run.stdout.slice(-3000) + run.stderr).toBe(0);
      expect(await repairedWithin(() => faultCheck('rows-deleted'), 90_000)).toBeUndefined();
    });
  }
});

describe('faults and the runbooks that repair them', () => {
  it('db-down → SOC-05 (restart db)', () => repairs('db-down', 'SOC-05'));
  it('port-in-use → SOC-04 (502: restart backend)', async () => {
    await repairs('port-in-use', 'SOC-04');
    expect(docker(['logs', 'ticketera_backend_1'])).toContain('Port 8000 already in use');
  });
  it('the backend container removed → SOC-04: restart-backend fails (no container), its handler recreate-backend creates it; healthy, seed data intact', async () => {
    // The backend's container is gone (removed by hand, or by a failed recreate); the lab still
    // answers (its other containers are the lab's), and restart has nothing to restart.
    docker(['rm', '-f', 'ticketera_backend_1']);
    try {
      const run = await play('SOC-04');
      rows.push({ runbook: 'SOC-04', system: SYSTEM, purpose: 'backend removed: recreate-backend', result: result(run.status), ms: run.ms });
      expect(run.status, run.stdout.slice(-3000) + run.stderr).toBe(0);
      expect(run.stdout).toContain('No containers to restart');
      expect(run.stdout).toContain('restart-backend recovered by recreate-backend');
      expect(run.stdout).toContain('Creating ticketera_backend_1');
      expect(await repairedWithin(() => faultCheck('rows-deleted'), 90_000)).toBeUndefined();
    } catch (error) {
      await cli(['lab', 'reset', SYSTEM]);
      throw error;
    }
  });
  it('disk-full → SOC-03 (rotated app logs removed)', () => repairs('disk-full', 'SOC-03'));
  it('rows-deleted → SOC-02 (seed backup)', () => repairs('rows-deleted', 'SOC-02'));
  it('broken-backup → SOC-02 fails midway and its rollback reloads the safety backup', () =>
    repairs('broken-backup', 'SOC-02', { extra: ['-p', `DB_BACKUP=${join(backups, 'db_backup_broken.sql.gz')}`], status: 1, latent: true }));
});

/** A real login through Nginx, as the browser's login form does: the HTTP status. */
async function login(username: string, password: string): Promise<number> {
  const r = await fetch(`http://127.0.0.1:${SOC_HTTP_PORT}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  return r.status;
}

/** Every file under `dir` whose text contains `needle` (the run's journal, step logs, reports). */
function filesContaining(dir: string, needle: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((f) => lstatSync(f).isFile() && readFileSync(f).includes(needle));
}

/** At the backend's console (bash in the container): the reset script, the password typed twice at its hidden prompt, then exit. */
async function resetAtConsole(term: Terminal, password: string): Promise<void> {
  await term.waitFor(':/app# ');
  term.type('ls scripts && scripts/reset_admin_password.sh admin');
  term.keys('Enter');
  await term.waitFor('Contraseña nueva para admin:');
  term.type(password);
  term.keys('Enter');
  await term.waitFor('Repetir la contraseña:');
  term.type(password);
  term.keys('Enter');
  await term.waitFor('cuenta desbloqueada');
  term.type('exit');
  term.keys('Enter');
}

describe('SOC-06 in a real terminal: the admin is locked out, the operator resets the password at the backend console', () => {
  afterAll(closeTerminals);

  it('every prompt answered as an operator would; the admin logs in with the new password, which no file of the run holds', async () => {
    const password = `Lab-${randomBytes(12).toString('base64url')}`;
    const injected = await cli(['lab', 'inject', 'admin-locked', '--system', SYSTEM]);
    expect(injected.status, injected.stdout + injected.stderr).toBe(0);
    expect(await faultCheck('admin-locked')).toMatch(/admin locked: 5 failed logins/);
    expect(await login('admin', password), 'locked: 423 whatever the password').toBe(423);
    const runbook = join(root, 'runbooks', 'ticketera-soc', 'SOC-06-soc-admin-lockout.md');
    const term = startTerminal('soc06', `play ${runbook} --env lab`, { cwd: root, env: { RUNBOOK_LAB_DIR: lab, RUNBOOK_LANG: 'en' } });
    const started = Date.now();
    let consoleDone = false;
    let loggedIn = 0;
    try {
      let answered = 0;
      let params = 0;
      const deadline = Date.now() + 4 * 60_000;
      for (;;) {
        const screen = term.screen();
        if (/EXIT=\d+/.test(screen)) break;
        const steps = [...screen.matchAll(/^▶ (\d+)\/\d+ (\S+)/gm)];
        const asked = [...screen.matchAll(/^[?✔] [A-Z_]+ — /gm)].length; // a param's prompt, answered (✔) or not
        if (steps.length === 0 && asked > params) {
          term.keys('Enter'); // the param's default (COMPOSE, BACKEND_SERVICE, ADMIN_USER)
          params = asked;
        }
        const last = steps.at(-1);
        const step = last ? Number(last[1]) : 0;
        const after = last ? screen.slice(last.index) : '';
        if (last && step > answered && /\? (Manual step: done\?|What now\?)/.test(after)) {
          if (after.includes('Iniciar sesión en Ticketera SOC')) loggedIn = await login('admin', password); // the operator tries the new password
          term.keys('Enter'); // Done / Run
          answered = step;
        } else if (last?.[2] === 'backend-console' && !consoleDone && after.includes(':/app# ')) {
          await resetAtConsole(term, password);
          consoleDone = true;
        }
        if (Date.now() > deadline) throw new Error(`SOC-06 did not finish:\n${screen}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      const final = term.screen();
      rows.push({ runbook: 'SOC-06', system: SYSTEM, purpose: 'repairs admin-locked (tmux, reset at the console)', result: final.includes('EXIT=0') ? 'passed' : 'FAILED', ms: Date.now() - started });
      expect(consoleDone, final).toBe(true);
      expect(final, final).toContain('EXIT=0');
      expect(loggedIn, 'the login at the manual step "Iniciar sesión…"').toBe(200);
      expect(await login('admin', password)).toBe(200);
      expect(await faultCheck('admin-locked')).toBeUndefined();
      // The password was typed only at the script's hidden prompt: not on screen, not in any file of the run.
      expect(final).not.toContain(password);
      const journals = filesContaining(term.dir, 'backend-console');
      expect(journals.length, 'the run kept its journal under the terminal\'s state dir').toBeGreaterThan(0);
      expect(filesContaining(term.dir, password)).toEqual([]);
      expect(filesContaining(join(lab, 'systems', SYSTEM), password)).toEqual([]);
    } catch (error) {
      await cli(['lab', 'reset', SYSTEM]);
      throw error;
    }
  }, 8 * 60_000);
});

describe('lab reset ticketera-soc', () => {
  it('reset clears the faults, removes the broken backup and restores the seed data', async () => {
    expect((await cli(['lab', 'inject', 'rows-deleted', '--system', SYSTEM])).status).toBe(0);
    expect((await cli(['lab', 'inject', 'broken-backup', '--system', SYSTEM])).status).toBe(0);
    const r = await cli(['lab', 'reset', SYSTEM]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(await faultCheck('rows-deleted')).toBeUndefined();
    expect(() => execFileSync('test', ['-e', join(backups, 'db_backup_broken.sql.gz')])).toThrow();
  });
});
