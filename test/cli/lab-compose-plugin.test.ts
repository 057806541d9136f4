// The lab's `docker compose` plugin over Compose v1 (lab/docker/docker-compose-plugin), run with
// stand-ins for `docker-compose` and `docker` on PATH: v1 has no `ps --status`, and the runbooks'
// "nothing is running" checks (`test -z "$(docker compose ps --status running --services)"`)
// passed on the usage text v1 printed instead.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const plugin = join(import.meta.dirname, '..', '..', 'lab', 'docker', 'docker-compose-plugin');
const bin = mkdtempSync(join(tmpdir(), 'runbook-compose-plugin-'));
afterAll(() => rmSync(bin, { recursive: true, force: true }));

// Two services: backend (one exited container), mysql (one running); `docker-compose ps -q`
// lists both, as v1 does (stopped containers included).
writeFileSync(join(bin, 'docker-compose'), `#!/bin/sh
case "$*" in
  "ps -q") printf 'aaa\\nbbb\\n' ;;
  "ps -q backend") printf 'aaa\\n' ;;
  *) echo "docker-compose $*" ;;
esac
`);
writeFileSync(join(bin, 'docker'), `#!/bin/sh
if [ "$1" = inspect ]; then
  for id in "$@"; do
    case "$id" in
      aaa) printf 'aaa\\texited\\tbackend\\n' ;;
      bbb) printf 'bbb\\trunning\\tmysql\\n' ;;
    esac
  done
  exit 0
fi
echo "docker $*"
`);
for (const f of ['docker-compose', 'docker']) chmodSync(join(bin, f), 0o755);

function compose(...args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync('python3', [plugin, 'compose', ...args], { encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` } });
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

describe('docker compose ps --status on Compose v1', () => {
  it('lists only the services whose container is in that state', () => {
    expect(compose('ps', '--status', 'running', '--services')).toMatchObject({ status: 0, stdout: 'mysql\n' });
    expect(compose('ps', '--status=exited', '--services')).toMatchObject({ status: 0, stdout: 'backend\n' });
    expect(compose('ps', '--status', 'running', '--status', 'exited', '--services').stdout).toBe('backend\nmysql\n');
  });

  it('nothing in that state prints nothing (the runbooks test it with test -z)', () => {
    expect(compose('ps', '--status', 'paused', '--services')).toMatchObject({ status: 0, stdout: '' });
    expect(compose('ps', '--status', 'running', '--services', 'backend')).toMatchObject({ status: 0, stdout: '' });
  });

  it('-q gives container ids; the table goes to docker ps filtered by id', () => {
    expect(compose('ps', '-q', '--status', 'running').stdout).toBe('bbb\n');
    expect(compose('ps', '--status', 'running').stdout).toMatch(/^docker ps -a --format table .* --filter id=bbb\n$/);
  });

  it('an unknown state is an error, not an empty list', () => {
    const r = compose('ps', '--status', 'stopped', '--services');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('invalid status: stopped');
  });

  it('ps without --status goes to docker-compose unchanged', () => {
    expect(compose('-f', 'x.yml', 'ps', '--services').stdout).toBe('docker-compose -f x.yml ps --services\n');
  });
});
