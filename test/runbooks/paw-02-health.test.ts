// PAW-02's "every service running" check, played against a `docker` double: a container that
// runs but fails its health check is not "running" (it was: the pattern accepted `running/*`),
// and with HEALTH_URL the backend must answer its endpoint, since `node --watch` keeps a
// container running after the server itself exited.
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'dist', 'engine', 'cli', 'bin.js');
const work = mkdtempSync(join(tmpdir(), 'runbook-paw02-'));
const project = join(work, 'project');
const shims = join(work, 'bin');
mkdirSync(project);
mkdirSync(shims);
writeFileSync(join(project, 'docker-compose.yml'), 'services:\n  backend:\n    image: pawpaw-backend\n');

// The docker double: one service, one container, whose state the test sets in STATE.
writeFileSync(join(shims, 'docker'), `#!/bin/bash
case "$*" in
  info*) echo 24.0.0 ;;
  "compose version") echo "Docker Compose version v2.0.0" ;;
  "compose config --quiet") ;;
  "compose config --services") echo backend ;;
  "compose ps -q backend") echo c0ffee ;;
  inspect*) echo "$STATE" ;;
  *) ;;
esac
`);
chmodSync(join(shims, 'docker'), 0o755);

// The shipped runbook without its `lab` environment (the only one, so `--yes` would choose it,
// and it refuses to run with no lab up); every step is the shipped one. Its waits are shortened
// by its own param (WAIT_SECONDS=1: one look; the default 2 minutes per failing case).
const shipped = readFileSync(join(root, 'runbooks', 'pawpaw', 'PAW-02-deploy-dev.md'), 'utf8');
const [, frontMatter = '', body = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(shipped) ?? [];
const fm = parseDocument(frontMatter);
fm.delete('environments');
const runbook = join(work, 'PAW-02.md');
writeFileSync(runbook, `---\n${fm.toString()}---\n${body}`);

let server: Server;
let port = 0;
let status = 200;
beforeAll(async () => {
  server = createServer((_req, res) => res.writeHead(status).end(status === 200 ? 'ok' : 'down'));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});
afterAll(async () => {
  await new Promise((done) => server.close(done));
  rmSync(work, { recursive: true, force: true });
});

/** Plays the runbook (asynchronously: the test's HTTP server must answer meanwhile). */
function play(state: string, ...params: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const args = [bin, 'play', runbook, '--yes', '-p', `PROJECT_DIR=${project}`, '-p', 'WAIT_SECONDS=1', ...params.flatMap((p) => ['-p', p])];
    const options = {
      cwd: work,
      encoding: 'utf8' as const,
      env: { ...process.env, PATH: `${shims}:${process.env.PATH ?? ''}`, STATE: state, RUNBOOK_STATE_DIR: join(work, 'state'), RUNBOOK_CACHE_DIR: join(work, 'cache'), RUNBOOK_LOCK_DIR: join(work, 'locks'), RUNBOOK_LANG: 'es', NO_COLOR: '1' },
    };
    const child = execFile(process.execPath, args, options, (error, stdout, stderr) => done({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }));
    child.stdin?.end();
  });
}

describe('PAW-02: every service running, and the backend answering', () => {
  it('a running container whose health check fails stops the run', async () => {
    const r = await play('running/unhealthy');
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toContain('backend:running/unhealthy');
  });

  it('healthy containers pass; with HEALTH_URL the endpoint decides', async () => {
    expect((await play('running/healthy')).status).toBe(0);
    status = 500;
    const down = await play('running/healthy', `HEALTH_URL=http://127.0.0.1:${port}/health`);
    expect(down.status).not.toBe(0);
    expect(down.stdout + down.stderr).toContain('backend-health');
    status = 200;
    const up = await play('running/healthy', `HEALTH_URL=http://127.0.0.1:${port}/health`);
    expect(up.status, up.stdout + up.stderr).toBe(0);
  });
});
