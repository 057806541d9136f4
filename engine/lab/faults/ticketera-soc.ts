/**
 * Ticketera SOC faults: database stopped (SOC-05), port already in use (SOC-04),
 * log filesystem full (SOC-03), rows deleted and a broken backup (SOC-02),
 * the admin locked out (SOC-06).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { inspectContainer } from '../docker/inspect.js';
import type { Lab } from '../session.js';
import { SOC_BE, SOC_DB, SOC_SEED_BACKUP, SOC_SYSTEM, socSql, ticketeraSoc } from '../systems/ticketera-soc.js';
import { healthyProblem, seedDataProblem, until } from './checks.js';
import type { Fault } from './types.js';

export const SOC_BROKEN_BACKUP = 'db_backup_broken.sql.gz';
/** The backend's log directory: a 16 MB tmpfs volume (see lab/systems/ticketera-soc/docker-compose.yml). */
const LOG_DIR = '/app/logs';
const FULL_PERCENT = 85;

const healthy = (l: Lab) => healthyProblem(l, ticketeraSoc);
const unhealthy = async (l: Lab) => (await healthy(l)) !== undefined;
const dataAndHealth = async (l: Lab) => (await seedDataProblem(l, ticketeraSoc)) ?? healthy(l);

/** A process in the backend container that takes port 8000 as soon as it is free, and drops every connection. */
const SQUATTER = "const n=require('net');(function t(){const s=n.createServer((c)=>c.destroy());s.once('error',()=>setTimeout(t,100));s.listen(8000,'0.0.0.0');})()";

const FILL = 'dd if=/dev/zero of="$1/backend.log.1" bs=1M 2>/dev/null; line="[lab] [DEBUG] ticketera.backend: GET /api/v1/health"; while printf "%s\\n" "$line" >> "$1/backend.log" 2>/dev/null; do :; done; sync';

/** The salt of the admin's lost password (a hash of random bytes nobody knows); its failed logins lock the account. */
const LOST_SALT = 'olvidada';
const LOCKED_AFTER = 5;

/** Undefined when the admin can log in again: fewer than 5 failed logins and a password other than the lost one. */
async function adminLockedProblem(l: Lab): Promise<string | undefined> {
  const row = await socSql(l, "SELECT failed_logins || ' ' || split_part(password_hash, '$', 3) FROM users WHERE username = 'admin';");
  const [failed = '', salt = ''] = row.trim().split(' ');
  if (failed === '') return 'users: no admin';
  if (Number(failed) >= LOCKED_AFTER) return `admin locked: ${failed} failed logins`;
  if (salt === LOST_SALT) return 'admin: the password is still the lost one';
  return healthy(l);
}

/** Use of the log filesystem in %, from `df` in the backend container. */
async function logUse(l: Lab): Promise<number | undefined> {
  const r = await l.docker.run(['exec', SOC_BE, 'df', '-P', LOG_DIR], { timeoutMs: 20_000 });
  const use = /(\d+)%/.exec(r.stdout.split('\n')[1] ?? '')?.[1];
  return r.exitCode === 0 && use !== undefined ? Number(use) : undefined;
}

/** The seed dump with one ticket twice: gzip -t passes and the end mark is there, the load fails midway. */
function breakBackup(dir: string): void {
  const backups = join(dir, 'backups');
  const lines = gunzipSync(readFileSync(join(backups, SOC_SEED_BACKUP))).toString('utf8').split('\n');
  const copy = lines.findIndex((line) => line.startsWith('COPY public.tickets '));
  const first = lines[copy + 1];
  if (copy < 0 || first === undefined) throw new Error(`${SOC_SEED_BACKUP}: no tickets data to break`);
  lines.splice(copy + 2, 0, first);
  writeFileSync(join(backups, SOC_BROKEN_BACKUP), gzipSync(lines.join('\n')), { mode: 0o600 });
}

export const ticketeraSocFaults: Fault[] = [
  {
    id: 'db-down',
    system: SOC_SYSTEM,
    description: 'lab.fault.socDbDown',
    runbook: 'SOC-05',
    async inject(l) {
      await l.docker.out(['stop', SOC_DB]);
      await until(async () => !(await inspectContainer(l.docker, SOC_DB)).running, 60_000);
    },
    check: healthy,
  },
  {
    id: 'port-in-use',
    system: SOC_SYSTEM,
    description: 'lab.fault.socPortInUse',
    runbook: 'SOC-04',
    async inject(l) {
      await l.docker.out(['exec', '-d', SOC_BE, 'node', '-e', SQUATTER]);
      await l.docker.out(['exec', SOC_BE, 'sh', '-c', 'kill "$(cat /tmp/worker.pid)"']);
      await until(() => unhealthy(l), 60_000);
    },
    check: healthy,
  },
  {
    id: 'disk-full',
    system: SOC_SYSTEM,
    description: 'lab.fault.socDiskFull',
    runbook: 'SOC-03',
    async inject(l) {
      // A rotated log that grew unchecked fills the filesystem (dd stops at "No space left on device"),
      // then debug lines fill what is left in the last block of the current log.
      await l.docker.run(['exec', SOC_BE, 'sh', '-c', FILL, 'sh', LOG_DIR], { timeoutMs: 60_000 });
      await until(() => unhealthy(l), 60_000);
    },
    async check(l) {
      const use = await logUse(l);
      if (use === undefined || use > FULL_PERCENT) return `${SOC_BE}:${LOG_DIR} ${use ?? '?'}% used (more than ${FULL_PERCENT}%)`;
      return healthy(l);
    },
  },
  {
    id: 'rows-deleted',
    system: SOC_SYSTEM,
    description: 'lab.fault.socRowsDeleted',
    runbook: 'SOC-02',
    async inject(l) {
      await socSql(l, 'DELETE FROM tickets WHERE id > 8;');
    },
    check: dataAndHealth,
  },
  {
    id: 'broken-backup',
    system: SOC_SYSTEM,
    description: 'lab.fault.socBrokenBackup',
    runbook: 'SOC-02',
    leaves: [join('backups', SOC_BROKEN_BACKUP)],
    inject(l) {
      breakBackup(l.lab.systemDir(SOC_SYSTEM));
      return Promise.resolve();
    },
    check: dataAndHealth,
  },
  {
    id: 'admin-locked',
    system: SOC_SYSTEM,
    description: 'lab.fault.socAdminLocked',
    runbook: 'SOC-06',
    async inject(l) {
      // Nobody knows the admin's password any more, and the failed attempts locked the account.
      const lost = `pbkdf2_sha256$100000$${LOST_SALT}$${randomBytes(32).toString('base64')}`;
      await socSql(l, `UPDATE users SET password_hash = '${lost}', failed_logins = ${LOCKED_AFTER} WHERE username = 'admin';`);
    },
    check: adminLockedProblem,
  },
];
