/** INATrace faults: database stopped, password drift, failed migration, rows deleted, broken backup. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { compose } from '../compose.js';
import { systemContext, type Lab } from '../session.js';
import { BACKEND_REPO, inatrace, INATRACE_BE, INATRACE_DB, INATRACE_TAG, rootSql, SEED_BACKUP } from '../systems/inatrace.js';
import { LAB_LABEL } from '../paths.js';
import { healthyProblem as healthy, seedDataProblem, stopContainer, until } from './checks.js';
import type { Fault } from './types.js';

const healthyProblem = (l: Lab) => healthy(l, inatrace);
const dataProblem = (l: Lab) => seedDataProblem(l, inatrace);

const deploy = (l: Lab) => inatrace.deployDir(l.lab.systemDir('inatrace'));
const backendDown = async (l: Lab) => (await healthyProblem(l)) !== undefined;

export const inatraceFaults: Fault[] = [
  {
    id: 'db-down',
    system: 'inatrace',
    description: 'lab.fault.dbDown',
    runbook: 'INA-04',
    async inject(l) {
      await stopContainer(l, INATRACE_DB);
    },
    check: healthyProblem,
  },
  {
    id: 'db-password-drift',
    system: 'inatrace',
    description: 'lab.fault.dbPasswordDrift',
    runbook: 'INA-04',
    async inject(l) {
      const env = join(deploy(l), '.env');
      const good = readFileSync(env, 'utf8');
      writeFileSync(env, good.replace(/^DATASOURCE_PASSWORD=.*$/m, 'DATASOURCE_PASSWORD=wrong-password-from-a-bad-edit'));
      try {
        await compose(l, inatrace, ['up', '-d', '--force-recreate', '--no-deps', 'backend']);
      } finally {
        writeFileSync(env, good);
      }
      await until(() => backendDown(l), 60_000);
    },
    check: healthyProblem,
  },
  {
    id: 'failed-migration',
    system: 'inatrace',
    description: 'lab.fault.failedMigration',
    runbook: 'INA-03',
    async inject(l) {
      await rootSql(systemContext(l, inatrace), "UPDATE schema_version SET success = 0 WHERE version = '3';");
      await compose(l, inatrace, ['restart', 'backend']);
      await until(() => backendDown(l), 60_000);
    },
    async check(l) {
      const failed = (await rootSql(systemContext(l, inatrace), 'SELECT COUNT(*) FROM schema_version WHERE success = 0;')).trim();
      return failed !== '0' ? `schema_version: ${failed} failed migrations` : healthyProblem(l);
    },
  },
  {
    id: 'rows-deleted',
    system: 'inatrace',
    description: 'lab.fault.rowsDeleted',
    runbook: 'INA-02',
    async inject(l) {
      await rootSql(systemContext(l, inatrace), 'DELETE FROM Product WHERE id > 2;');
    },
    async check(l) {
      return (await dataProblem(l)) ?? healthyProblem(l);
    },
  },
  {
    id: 'broken-backup',
    system: 'inatrace',
    description: 'lab.fault.brokenBackup',
    runbook: 'INA-01',
    leaves: [join('backups', 'inatrace-broken.sql.gz')],
    async inject(l) {
      const backups = join(l.lab.systemDir('inatrace'), 'backups');
      const lines = gunzipSync(readFileSync(join(backups, SEED_BACKUP))).toString('utf8').split('\n');
      const middle = lines.findIndex((line, i) => i > lines.length / 2 && line.startsWith('INSERT INTO '));
      lines.splice(middle < 0 ? Math.floor(lines.length / 2) : middle, 0, "INSERT INTO `Company` VALUES (1,'duplicate row: the dump breaks here','EC','ACTIVE',NOW());");
      writeFileSync(join(backups, BROKEN_BACKUP), gzipSync(lines.join('\n')));
    },
    async check(l) {
      return (await dataProblem(l)) ?? healthyProblem(l);
    },
  },
  {
    id: 'broken-image',
    system: 'inatrace',
    description: 'lab.fault.brokenImage',
    runbook: 'INA-07',
    async inject(l) {
      const good = `${BACKEND_REPO}:${INATRACE_TAG}`;
      await l.docker.out(['build', '--label', `${LAB_LABEL}=${l.lab.root}`, '-t', `${BACKEND_REPO}:${BROKEN_TAG}`, '-'], { input: BROKEN_DOCKERFILE(good) });
      const env = join(deploy(l), '.env');
      writeFileSync(env, readFileSync(env, 'utf8').replace(/^TAG=.*$/m, `TAG=${BROKEN_TAG}`));
      await compose(l, inatrace, ['up', '-d', '--force-recreate', '--no-deps', 'backend']);
      await until(() => backendDown(l), 60_000);
    },
    async check(l) {
      const image = (await l.docker.out(['inspect', '--format', '{{.Config.Image}}', INATRACE_BE])).trim();
      return image.endsWith(`:${BROKEN_TAG}`) ? `${INATRACE_BE} runs ${image}` : healthyProblem(l);
    },
  },
];

export const BROKEN_BACKUP = 'inatrace-broken.sql.gz';
/** The tag of the bad deploy, as in the manual's Práctica 25 (`TAG=test-xyz9999`). */
export const BROKEN_TAG = 'test-xyz9999';
const BROKEN_DOCKERFILE = (from: string) =>
  `FROM ${from}\nCMD ["node", "-e", "console.log('Starting INATraceBackendApplication v${BROKEN_TAG}'); console.error('org.springframework.beans.factory.UnsatisfiedDependencyException: Error creating bean with name processingOrderService: No qualifying bean of type TransactionRepository'); process.exit(1)"]\n`;
