/**
 * Ticketero API faults: database stopped, Telegram down, slow answers, a storm of 500s, rows
 * deleted, a broken backup, a deployed version that never starts. The API's and the Telegram stand-in's faults are set through their
 * lab control endpoints, reachable only from inside their containers, and end by themselves.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { compose } from '../compose.js';
import { LAB_LABEL } from '../paths.js';
import { systemContext, type Lab } from '../session.js';
import { backupsDir, ticketeroApi, tkaSql, TKA_API, TKA_BROKEN_VERSION, TKA_IMAGE_REPO, TKA_VERSION, TKA_API_URL, TKA_BOT_TOKEN, TKA_BROKEN_BACKUP, TKA_DB, TKA_RABBIT, TKA_SEED_BACKUP, TKA_SYSTEM, TKA_TELEGRAM, TKA_TELEGRAM_URL } from '../systems/ticketero-api.js';
import { healthyProblem, seedDataProblem, stopContainer, until } from './checks.js';
import type { Fault } from './types.js';

/** How long the self-ending faults last at most (a restart of the API ends its own sooner). */
const TELEGRAM_OUTAGE_S = 75;
const SLOW_S = 75;
const SLOW_MS = 1500;
const STORM_S = 300;

const healthy = (l: Lab) => healthyProblem(l, ticketeroApi);

/**
 * The broken version: the running image with a start that fails as Spring Boot's does when a
 * property has no value (the version needs a variable nobody added to `.env.prod`), exit 1.
 */
const BROKEN_DOCKERFILE = (from: string): string => {
  const lines = [
    `Starting TicketeroApplication v${TKA_BROKEN_VERSION} using Java 17 with PID 1`,
    'The following 1 profile is active: "prod"',
    "Application run failed: org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'telegramWebhookController': Injection of autowired dependencies failed",
    "Caused by: java.lang.IllegalArgumentException: Could not resolve placeholder 'TELEGRAM_WEBHOOK_SECRET' in value \"${TELEGRAM_WEBHOOK_SECRET}\"",
    '***************************',
    'APPLICATION FAILED TO START',
    '***************************',
  ];
  const script = `${lines.map((line) => `echo '${line.replaceAll("'", "'\\''")}' >&2`).join('; ')}; exit 1`;
  return `FROM ${from}\nCMD ${JSON.stringify(['sh', '-c', script])}\n`;
};

async function apiImage(l: Lab): Promise<string> {
  return (await l.docker.out(['inspect', '--format', '{{.Config.Image}}', TKA_API])).trim();
}

/** POSTs to a lab control endpoint from inside a container (curl there, 127.0.0.1 there). */
async function control(l: Lab, container: string, url: string): Promise<void> {
  await l.docker.out(['exec', container, 'curl', '-fsS', '-m', '10', '-X', 'POST', url]);
}

async function timed(url: string): Promise<{ ms: number; status: number }> {
  const started = Date.now();
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    await r.text();
    return { ms: Date.now() - started, status: r.status };
  } catch {
    return { ms: Date.now() - started, status: 0 };
  }
}

async function telegramErrors(): Promise<number> {
  try {
    const text = await (await fetch(`${TKA_API_URL}/actuator/prometheus`, { signal: AbortSignal.timeout(10_000) })).text();
    return Number(/^telegram_errors_total (\d+)/m.exec(text)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

async function pendingNotifications(l: Lab): Promise<number> {
  const out = await l.docker.out(['exec', TKA_RABBIT, 'rabbitmqctl', '-s', 'list_queues', 'messages_ready']);
  return out.split('\n').reduce((n, line) => n + (Number(line.trim()) || 0), 0);
}

export const ticketeroApiFaults: Fault[] = [
  {
    id: 'db-down',
    system: TKA_SYSTEM,
    description: 'lab.fault.tkaDbDown',
    runbook: 'TKA-01',
    async inject(l) {
      await stopContainer(l, TKA_DB);
    },
    check: healthy,
  },
  {
    id: 'telegram-down',
    system: TKA_SYSTEM,
    description: 'lab.fault.telegramDown',
    runbook: 'TKA-09',
    async inject(l) {
      await until(async () => (await healthy(l)) === undefined, 120_000);
      await control(l, TKA_TELEGRAM, `http://127.0.0.1:8081/_lab/outage?seconds=${TELEGRAM_OUTAGE_S}`);
      // A ticket whose notification cannot be delivered: it waits in RabbitMQ and telegram_errors_total grows.
      const created = await fetch(`${TKA_API_URL}/api/tickets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ nationalId: '44556677', branchOffice: 'Lab', queue: 'CAJA' }), signal: AbortSignal.timeout(10_000) });
      if (created.status !== 201) throw new Error(`POST /api/tickets: HTTP ${created.status}`);
      await until(async () => (await telegramErrors()) > 0, 30_000);
    },
    async check(l) {
      const getMe = await timed(`${TKA_TELEGRAM_URL}/bot${TKA_BOT_TOKEN}/getMe`);
      if (getMe.status !== 200) return `Telegram getMe: HTTP ${getMe.status}`;
      const pending = await pendingNotifications(l);
      return pending > 0 ? `${pending} notifications waiting in RabbitMQ` : healthy(l);
    },
  },
  {
    id: 'slow',
    system: TKA_SYSTEM,
    description: 'lab.fault.tkaSlow',
    runbook: 'TKA-10',
    async inject(l) {
      await control(l, TKA_API, `http://127.0.0.1:8080/_lab/slow?ms=${SLOW_MS}&seconds=${SLOW_S}`);
    },
    async check(l) {
      const health = await timed(`${TKA_API_URL}/actuator/health`);
      return health.ms >= SLOW_MS ? `/actuator/health answered in ${health.ms} ms` : healthy(l);
    },
  },
  {
    id: '500-storm',
    system: TKA_SYSTEM,
    description: 'lab.fault.errorStorm',
    runbook: 'TKA-07',
    async inject(l) {
      await control(l, TKA_API, `http://127.0.0.1:8080/_lab/storm?seconds=${STORM_S}`);
    },
    check: healthy,
  },
  {
    id: 'broken-image',
    system: TKA_SYSTEM,
    description: 'lab.fault.tkaBrokenImage',
    runbook: 'TKA-07',
    async inject(l) {
      await l.docker.out(['build', '--label', `${LAB_LABEL}=${l.lab.root}`, '-t', `${TKA_IMAGE_REPO}:${TKA_BROKEN_VERSION}`, '-'], { input: BROKEN_DOCKERFILE(`${TKA_IMAGE_REPO}:${TKA_VERSION}`) });
      // The deploy wrote the new version into .env.prod, as TKA-02's checklist says to, and recreated the API with it.
      const env = join(l.lab.systemDir(TKA_SYSTEM), '.env.prod');
      writeFileSync(env, readFileSync(env, 'utf8').replace(/^NEW_VERSION=.*$/m, `NEW_VERSION=${TKA_BROKEN_VERSION}`), { mode: 0o600 });
      await compose(l, ticketeroApi, ['up', '-d', '--force-recreate', '--no-deps', 'api']);
      await until(async () => (await healthy(l)) !== undefined, 60_000);
    },
    async check(l) {
      const image = await apiImage(l);
      if (image.endsWith(`:${TKA_BROKEN_VERSION}`)) return `${TKA_API} runs ${image}`;
      const env = readFileSync(join(l.lab.systemDir(TKA_SYSTEM), '.env.prod'), 'utf8');
      // The next `docker compose up` without NEW_VERSION in its environment would bring the broken version back.
      if (env.split('\n').includes(`NEW_VERSION=${TKA_BROKEN_VERSION}`)) return `.env.prod still has NEW_VERSION=${TKA_BROKEN_VERSION}`;
      return healthy(l);
    },
  },
  {
    id: 'rows-deleted',
    system: TKA_SYSTEM,
    description: 'lab.fault.tkaRowsDeleted',
    runbook: 'TKA-08',
    async inject(l) {
      await tkaSql(systemContext(l, ticketeroApi), 'DELETE FROM ticket WHERE id BETWEEN 4 AND 12;');
    },
    async check(l) {
      return (await seedDataProblem(l, ticketeroApi)) ?? healthy(l);
    },
  },
  {
    id: 'broken-backup',
    system: TKA_SYSTEM,
    description: 'lab.fault.tkaBrokenBackup',
    runbook: 'TKA-14',
    leaves: [join('backups', 'postgres', TKA_BROKEN_BACKUP)],
    async inject(l) {
      const dir = backupsDir(l.lab.systemDir(TKA_SYSTEM));
      const lines = gunzipSync(readFileSync(join(dir, TKA_SEED_BACKUP))).toString('utf8').split('\n');
      // A duplicate ticket id in the middle of the ticket data: the COPY fails there, after the schema loaded.
      const copy = lines.findIndex((line) => line.startsWith('COPY public.ticket '));
      const row = lines[copy + 1];
      if (copy < 0 || row === undefined) throw new Error(`no ticket data in ${TKA_SEED_BACKUP}`);
      lines.splice(copy + 1 + Math.floor((ticketeroApi.seedCounts.ticket ?? 2) / 2), 0, row);
      writeFileSync(join(dir, TKA_BROKEN_BACKUP), gzipSync(lines.join('\n')), { mode: 0o600 });
    },
    async check(l) {
      return (await seedDataProblem(l, ticketeroApi)) ?? healthy(l);
    },
  },
];
