// The shell server: the steps of a run are subshells of one bash, and each
// still starts as a fresh shell of its own (its own pid and process group, no
// server variables, positional parameters, working directory, environment and
// flags as asked, the author's line numbers); what it cannot take exactly is
// spawned as before.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { groupAlive } from '../../engine/process/group.js';
import type { ExecRequest, ProcessRunner } from '../../engine/process/runner.js';
import { createProcessRunner } from '../../engine/process/spawn.js';
import { fifoBase } from '../../engine/process/fifo-pool.js';
import { quote } from '../../engine/process/shell-server.js';

const dir = mkdtempSync(join(tmpdir(), 'runbook-server-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { PATH: process.env.PATH ?? '', HOME: dir, LANG: 'C.UTF-8' };
const base = (command: string, extra: Partial<ExecRequest> = {}): ExecRequest => ({ command, shell: ['bash', '-e', '-o', 'pipefail'], cwd: dir, env, interactive: false, keepStdout: 64 * 1024, ...extra });

async function withRunner<T>(body: (runner: ProcessRunner) => Promise<T>): Promise<T> {
  const runner = createProcessRunner();
  try {
    return await body(runner);
  } finally {
    runner.close?.();
  }
}

/** The runner's FIFO directories that exist now. */
const serverDirs = () => new Set(readdirSync(fifoBase()).filter((name) => name.startsWith('runbook-shells-')));

describe('the shell server', () => {
  it('runs every step of a run from one server, each in a process and group of its own', async () => {
    await withRunner(async (runner) => {
      const seen: { shell: string; self: string; pid: number | undefined }[] = [];
      for (let i = 0; i < 4; i++) {
        let pid: number | undefined;
        const r = await runner.run(base('echo "$$ $BASHPID $(ps -o pgid= "$BASHPID" | tr -d " ")"', { onStart: (p) => (pid = p) }));
        expect(r.status).toBe('succeeded');
        const [shell = '', self = '', group = ''] = r.stdout.trim().split(' ');
        expect(Number(self)).toBe(pid);
        expect(group).toBe(self);
        seen.push({ shell, self, pid });
      }
      // One server ($$) for all; a new shell ($BASHPID) for each.
      expect(new Set(seen.map((s) => s.shell)).size).toBe(1);
      expect(new Set(seen.map((s) => s.self)).size).toBe(4);
      expect(seen[0]?.shell).not.toBe(seen[0]?.self);
    });
  });

  it('gives each step a fresh shell: no server variables, no arguments, its flags, stdin closed', async () => {
    await withRunner(async (runner) => {
      await runner.run(base('true'));
      const r = await runner.run(base('compgen -v __rb_ || true; echo "args=$#"; case $- in *e*) echo errexit;; esac; case $- in *m*) echo monitor;; esac; shopt -qo pipefail && echo pipefail; cat; echo end'));
      expect(r.stdout).toBe('args=0\nerrexit\npipefail\nend\n');
    });
  });

  it('sets the working directory and the environment of each request, and unsets what it drops', async () => {
    await withRunner(async (runner) => {
      const sub = join(dir, 'sub');
      await runner.run(base(`mkdir -p "${sub}"`, { env: { ...env, KEEP: 'k', DROP: 'd' } }));
      const odd = "ñ € 'quoted' \"double\" \\back $dollar\nsecond line";
      const r = await runner.run(base('pwd; echo "keep=$KEEP drop=${DROP-unset}"; printf "%s|" "$ODD"', { cwd: sub, env: { ...env, KEEP: 'k', ODD: odd } }));
      expect(r.stdout).toBe(`${sub}\nkeep=k drop=unset\n${odd}|`);
    });
  });

  it("keeps the author's line numbers in the shell's messages", async () => {
    await withRunner(async (runner) => {
      await runner.run(base('true'));
      const r = await runner.run(base('true\nnot_a_command_7q'));
      expect(r.exitCode).toBe(127);
      expect(r.stderr).toContain('line 2: not_a_command_7q');
    });
  });

  it('ends a step when its shell exits, even with a child left in the background', async () => {
    await withRunner(async (runner) => {
      await runner.run(base('true'));
      const pidFile = join(dir, 'bg.pid');
      const r = await runner.run(base(`sleep 300 & echo $! > "${pidFile}"; echo started`));
      expect(r).toMatchObject({ status: 'succeeded', stdout: 'started\n' });
      const bg = Number(readFileSync(pidFile, 'utf8'));
      expect(() => process.kill(bg, 0)).not.toThrow();
      process.kill(bg, 'SIGKILL');
      // The next step is not held up by it.
      expect((await runner.run(base('echo next'))).stdout).toBe('next\n');
    });
  });

  it('a served step that is stopped (SIGSTOP) has not ended: the run waits until it goes on and ends', async () => {
    await withRunner(async (runner) => {
      await runner.run(base('true'));
      let pid: number | undefined;
      let ended = false;
      const pending = runner.run(base('kill -STOP "$BASHPID"; echo resumed', { onStart: (p) => (pid = p) })).finally(() => (ended = true));
      const state = () => (pid === undefined ? '' : readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').slice(0, 1));
      for (let i = 0; i < 400 && state() !== 'T'; i++) await new Promise((next) => setTimeout(next, 25));
      expect(state()).toBe('T');
      // Several turns of the event loop with the step stopped: the server's report must not have come.
      for (let i = 0; i < 10; i++) await new Promise((next) => setTimeout(next, 20));
      expect(ended).toBe(false);
      if (pid !== undefined) process.kill(pid, 'SIGCONT');
      expect(await pending).toMatchObject({ status: 'succeeded', stdout: 'resumed\n' });
    });
  });

  it('a timeout stops the whole group of a served step and reports the signal, as for a spawned one', async () => {
    await withRunner(async (runner) => {
      await runner.run(base('true'));
      let pgid: number | undefined;
      const r = await runner.run(base('sleep 300 & sleep 300; true', { timeoutMs: 300, onStart: (p) => (pgid = p) }));
      expect(r).toMatchObject({ status: 'timed-out', exitCode: null, signal: 'SIGTERM' });
      for (let i = 0; i < 200 && pgid !== undefined && groupAlive(pgid); i++) await new Promise((next) => setTimeout(next, 25));
      expect(pgid !== undefined && groupAlive(pgid)).toBe(false);
    });
  });

  it('spawns what it cannot take exactly: a missing directory fails as before, another shell runs as itself', async () => {
    await withRunner(async (runner) => {
      await runner.run(base('true'));
      const missing = await runner.run(base('true', { cwd: join(dir, 'no-such-dir') }));
      expect(missing).toMatchObject({ status: 'failed', exitCode: 127, spawnError: 'ENOENT' });
      const sh = await runner.run(base('echo "$$"', { shell: ['bash', '-e'] }));
      const served = await runner.run(base('echo "$$"'));
      expect(sh.stdout).not.toBe(served.stdout);
      const startup = await runner.run(base('echo "${BASH_ENV-none}"', { env: { ...env, BASH_ENV: '/dev/null' } }));
      expect(startup.stdout).toBe('/dev/null\n');
    });
  });

  it('carries on with spawned shells when the server is killed', async () => {
    await withRunner(async (runner) => {
      const first = await runner.run(base('echo "$$"'));
      process.kill(Number(first.stdout), 'SIGKILL');
      const after = await runner.run(base('echo ok'));
      expect(after).toMatchObject({ status: 'succeeded', stdout: 'ok\n' });
    });
  });

  it('a server killed during a step fails the step and stops its group: nothing runs on unrecorded', async () => {
    await withRunner(async (runner) => {
      const first = await runner.run(base('echo "$$"'));
      const server = Number(first.stdout);
      let pgid: number | undefined;
      const pending = runner.run(base('sleep 300 & sleep 300', { onStart: (p) => (pgid = p) }));
      for (let i = 0; i < 400 && pgid === undefined; i++) await new Promise((next) => setTimeout(next, 25));
      expect(pgid !== undefined && groupAlive(pgid)).toBe(true);
      process.kill(server, 'SIGKILL');
      const r = await pending;
      expect(r.status).toBe('failed');
      for (let i = 0; i < 400 && pgid !== undefined && groupAlive(pgid); i++) await new Promise((next) => setTimeout(next, 25));
      expect(pgid !== undefined && groupAlive(pgid)).toBe(false);
    });
  });

  it('passes commands through a pipe only, and leaves no directory behind once closed', async () => {
    const before = serverDirs();
    const runner = createProcessRunner();
    for (let i = 0; i < 3; i++) await runner.run(base(`echo s3cr3t-${i}`));
    const mine = [...serverDirs()].filter((name) => !before.has(name));
    expect(mine).toHaveLength(1);
    const server = join(fifoBase(), mine[0] ?? '');
    // Only FIFOs not handed out yet: nothing a step ran was written to a file.
    for (const name of readdirSync(server)) expect(statSync(join(server, name)).isFIFO()).toBe(true);
    runner.close?.();
    expect(existsSync(server)).toBe(false);
  });

  it("removes the FIFO directory a killed run left behind, and no live run's", async () => {
    const gone = spawnSync('true').pid;
    const stale = join(fifoBase(), `runbook-shells-${gone}-stale`);
    const live = join(fifoBase(), `runbook-shells-${process.pid}-live`);
    mkdirSync(stale);
    mkdirSync(live);
    try {
      await withRunner((runner) => runner.run(base('true')));
      expect(existsSync(stale)).toBe(false);
      expect(existsSync(live)).toBe(true);
    } finally {
      rmSync(stale, { recursive: true, force: true });
      rmSync(live, { recursive: true, force: true });
    }
  });

  it('quotes any text as one ASCII word bash reads back as it was', async () => {
    const texts = ['', "a'b", 'back\\slash', 'ñandú €', 'two\nlines\ttab', '$(echo no) `no` ${no}'];
    for (const text of texts) expect(quote(text)).toMatch(/^\$'[\x20-\x7e]*'$/);
    await withRunner(async (runner) => {
      const r = await runner.run(base(texts.map((t) => `printf '%s|' ${quote(t)}`).join('; ')));
      expect(r.stdout).toBe(texts.map((t) => `${t}|`).join(''));
    });
  });
});
