/**
 * Paw Paw's HTTPS in the lab (PAW-05): pebble (`pawpaw_pebble`, Let's Encrypt's test server)
 * issues the certificate of `PAWPAW_DOMAIN` with Certbot, as the runbook runs it (`docker compose
 * -f docker-compose.certbot.yml run --rm certbot`), into `<lab>/systems/pawpaw/letsencrypt` (the manual's /etc/letsencrypt);
 * Nginx is restarted to serve it on 443 (127.0.0.1:4443).
 *
 * Pebble keeps its accounts in memory: once it restarts, Certbot's account is unknown to it and a
 * renewal fails. So the certificate is issued again (account and all) whenever pebble has started
 * since the last issue; a marker in the folder keeps pebble's start time.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FailedError } from '../../errors.js';
import type { SystemContext } from './types.js';

export const PAWPAW_PEBBLE = 'pawpaw_pebble';
/** Certbot's compose file, next to docker-compose.prod.yml (same project, same network). */
export const PAWPAW_CERTBOT_COMPOSE = 'docker-compose.certbot.yml';
export const PAWPAW_DOMAIN = 'pawpaw.lab.test';
export const PAWPAW_HTTPS_PORT = 4443;
/** Pebble's ACME directory on the compose network, and the CA bundle Certbot trusts for it (in the image). */
export const PEBBLE_DIRECTORY = 'https://pebble:14000/dir';
export const PEBBLE_CA_BUNDLE = '/etc/pebble/ca.pem';
const MARKER = '.lab-pebble-started';

/**
 * Pebble issues certificates valid for 5 years; Certbot renews within `renew_before_expiry` of the
 * end (30 days by default). The lab's lineage says 2000 days, so a renewal is due at once, as it is
 * for a real certificate in its last 30 days, and PAW-05 renews for real.
 */
const issueScript = (domain: string) =>
  [
    'set -e',
    'rm -rf /etc/letsencrypt/accounts /etc/letsencrypt/archive /etc/letsencrypt/live /etc/letsencrypt/renewal /etc/letsencrypt/csr /etc/letsencrypt/keys',
    `certbot certonly --standalone --non-interactive --agree-tos --register-unsafely-without-email --no-random-sleep-on-renew --server ${PEBBLE_DIRECTORY} -d ${domain}`,
    `sed -i 's/^# *renew_before_expiry.*/renew_before_expiry = 2000 days/' /etc/letsencrypt/renewal/${domain}.conf`,
    `grep -q '^renew_before_expiry = 2000 days' /etc/letsencrypt/renewal/${domain}.conf`,
  ].join('\n');

export function letsencryptDir(ctx: SystemContext): string {
  return join(ctx.dir, 'letsencrypt');
}

async function waitTls(ctx: SystemContext, nginx: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const r = await ctx.docker.run(['exec', nginx, 'curl', '-fsSk', '-m', '4', '--resolve', `${PAWPAW_DOMAIN}:443:127.0.0.1`, `https://${PAWPAW_DOMAIN}/health`]);
    // Nginx restarted: `lab up` ends once its health check has passed again, not only TLS.
    const health = r.exitCode === 0 ? (await ctx.docker.out(['inspect', '-f', '{{if .State.Health}}{{.State.Health.Status}}{{end}}', nginx])).trim() : '';
    if (health === 'healthy') return;
    if (Date.now() > deadline) throw new FailedError('lab.composeCommandFailed', { command: `docker exec ${nginx} curl https://${PAWPAW_DOMAIN}/health`, detail: (r.stderr || r.stdout).trim() });
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** The certificate issued by the running pebble, served by Nginx on 443. */
export async function ensureCertificate(ctx: SystemContext, nginx: string): Promise<void> {
  const dir = letsencryptDir(ctx);
  mkdirSync(dir, { recursive: true });
  const started = (await ctx.docker.out(['inspect', '-f', '{{.State.StartedAt}}', PAWPAW_PEBBLE])).trim();
  const marker = join(dir, MARKER);
  const issued = existsSync(join(dir, 'live', PAWPAW_DOMAIN, 'fullchain.pem')) && existsSync(marker) && readFileSync(marker, 'utf8').trim() === started;
  if (!issued) {
    const args = ['compose', '-f', PAWPAW_CERTBOT_COMPOSE, 'run', '--rm', '-T', '-e', `REQUESTS_CA_BUNDLE=${PEBBLE_CA_BUNDLE}`, '--entrypoint', 'sh', 'certbot', '-c', issueScript(PAWPAW_DOMAIN)];
    const r = await ctx.docker.run(args, { cwd: ctx.dir, timeoutMs: 5 * 60_000 });
    if (r.exitCode !== 0) throw new FailedError('lab.composeCommandFailed', { command: 'docker compose run --rm certbot certonly', detail: (r.stderr || r.stdout).trim().split('\n').slice(-4).join(' | ') });
    writeFileSync(marker, `${started}\n`);
    await ctx.docker.out(['restart', nginx]);
  }
  await waitTls(ctx, nginx);
}
