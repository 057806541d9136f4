// `lab down` when the lab's engine is not running (after a reboot): the lab's own dockerd is
// started again so its containers, networks and volumes are removed, then stopped; an engine the
// lab did not start is refused and nothing is forgotten. Docker here is a double on PATH that logs
// its calls: what is checked is what `down` asks of Docker and what it leaves on disk.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '..', '..', 'dist', 'engine', 'cli', 'bin.js');
const work = mkdtempSync(join(tmpdir(), 'runbook-lab-down-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const fakeBin = join(work, 'bin');
mkdirSync(fakeBin);
const log = join(work, 'docker.log');
// dockerd: writes its pid file and "listens" (creates the socket path) until SIGTERM.
writeFileSync(
  join(fakeBin, 'dockerd'),
  `#!/bin/sh
while [ $# -gt 0 ]; do case "$1" in --pidfile) pid="$2"; shift;; --host) sock="\${2#unix://}"; shift;; esac; shift; done
echo "dockerd started" >> "${log}"
echo $$ > "$pid"
trap 'rm -f "$sock"; echo "dockerd stopped" >> "${log}"; exit 0' TERM
touch "$sock"
while :; do sleep 0.2; done
`,
);
// docker: answers only while the socket path exists; lists one thing of each kind by label.
writeFileSync(
  join(fakeBin, 'docker'),
  `#!/bin/sh
sock="\${DOCKER_HOST#unix://}"
[ -e "$sock" ] || exit 1
echo "docker $*" >> "${log}"
case "$1 $2" in
  "info "*) echo 20.10.24 ;;
  "ps -a") echo pawpaw_db_prod ;;
  "network ls") echo pawpaw_default ;;
  "volume ls") echo pawpaw_postgres_data ;;
esac
exit 0
`,
);
chmodSync(join(fakeBin, 'dockerd'), 0o755);
chmodSync(join(fakeBin, 'docker'), 0o755);

function labRoot(name: string, engine: { private: boolean; host?: string }): string {
  const root = join(work, name);
  mkdirSync(join(root, 'docker'), { recursive: true });
  mkdirSync(join(root, 'systems', 'pawpaw'), { recursive: true });
  writeFileSync(join(root, 'systems', 'pawpaw', '.env'), 'POSTGRES_PASSWORD=seed\n');
  const dockerHost = engine.host ?? `unix://${join(root, 'docker', 'docker.sock')}`;
  writeFileSync(join(root, 'engine.json'), JSON.stringify({ dockerHost, private: engine.private }));
  return root;
}

const down = (root: string) =>
  spawnSync(process.execPath, [bin, 'lab', 'down'], {
    encoding: 'utf8',
    env: { ...process.env, PATH: `${fakeBin}:${process.env.PATH ?? ''}`, RUNBOOK_LAB_DIR: root, RUNBOOK_LANG: 'en', NO_COLOR: '1', DOCKER_HOST: '' },
  });

describe('lab down with the lab engine stopped', () => {
  it.skipIf(process.getuid?.() !== 0)('starts the lab’s own engine again, removes what the lab made, and stops it', () => {
    const root = labRoot('private', { private: true });
    writeFileSync(log, '');
    const r = down(root);
    expect(r.status, r.stderr).toBe(0);
    const calls = readFileSync(log, 'utf8');
    expect(calls).toContain('dockerd started');
    expect(calls).toContain('docker rm -f -v pawpaw_db_prod');
    expect(calls).toContain('docker network rm pawpaw_default');
    expect(calls).toContain('docker volume rm pawpaw_postgres_data');
    expect(calls).toContain('dockerd stopped');
    expect(r.stdout).toMatch(/Removed 1 container/);
    expect(existsSync(join(root, 'engine.json'))).toBe(false);
  });

  it('refuses when an engine the lab did not start no longer answers, and forgets nothing', () => {
    const root = labRoot('external', { private: false, host: `unix://${join(work, 'nobody.sock')}` });
    writeFileSync(log, '');
    const r = down(root);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no longer answers');
    expect(r.stderr).toContain(join(work, 'nobody.sock'));
    expect(readFileSync(log, 'utf8')).not.toContain('dockerd started');
    expect(existsSync(join(root, 'engine.json'))).toBe(true);
    expect(readFileSync(join(root, 'systems', 'pawpaw', '.env'), 'utf8')).toContain('seed');
  });
});
