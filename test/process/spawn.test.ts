// The process runner: one result shape for success and failure, output as bytes
// decoded once, a stop or a timeout ends the whole process group, a shell that
// cannot start is a result (not an exception).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { groupAlive } from '../../engine/process/group.js';
import type { ExecRequest } from '../../engine/process/runner.js';
import { createProcessRunner } from '../../engine/process/spawn.js';

const dir = mkdtempSync(join(tmpdir(), 'runbook-spawn-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const runner = createProcessRunner();
afterAll(() => runner.close?.());
const base = (command: string, extra: Partial<ExecRequest> = {}): ExecRequest => ({ command, shell: ['bash', '-e', '-o', 'pipefail'], cwd: dir, env: { PATH: process.env.PATH ?? '' }, interactive: false, ...extra });

async function waitFor(test: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (test()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('createProcessRunner', () => {
  it('gives the same result shape for success and failure', async () => {
    const ok = await runner.run(base('echo hola; echo aviso >&2', { keepStdout: 1024 }));
    expect(ok).toMatchObject({ status: 'succeeded', exitCode: 0, signal: null, stdout: 'hola\n', stderr: 'aviso\n', outputBytes: 11 });
    const failed = await runner.run(base('echo x; exit 3'));
    expect(failed).toMatchObject({ status: 'failed', exitCode: 3, signal: null, stdout: '', outputBytes: 2 });
    expect(failed.spawnError).toBeUndefined();
  });

  it('reports a shell that cannot start as a failed result, not an exception', async () => {
    const r = await runner.run(base('true', { shell: ['/nonexistent/shell'] }));
    expect(r).toMatchObject({ status: 'failed', exitCode: 127, spawnError: 'ENOENT' });
  });

  it('decodes kept stdout once, so a character split across writes arrives whole', async () => {
    const chunks: Buffer[] = [];
    const r = await runner.run(base(`printf '\\xe2\\x82'; sleep 0.2; printf '\\xac%.0s' 1`, { keepStdout: 1024, onOutput: (c) => void chunks.push(c) }));
    expect(r.stdout).toBe('€');
    expect(Buffer.concat(chunks).toString('utf8')).toBe('€');
  });

  it('an abort stops the whole process group, background children included', async () => {
    const pids = join(dir, 'abort.pids');
    const controller = new AbortController();
    let pgid: number | undefined;
    const pending = runner.run(base(`sleep 300 & echo $! > "${pids}"; sleep 300`, { signal: controller.signal, onStart: (pid) => (pgid = pid) }));
    await waitFor(() => existsSync(pids) && readFileSync(pids, 'utf8').trim() !== '', 'the background child');
    expect(pgid !== undefined && groupAlive(pgid)).toBe(true);
    controller.abort('SIGTERM');
    const r = await pending;
    expect(r.status).toBe('interrupted');
    await waitFor(() => pgid !== undefined && !groupAlive(pgid), 'the group to be gone');
  });

  it('a timeout ends the attempt as timed out and stops its group', async () => {
    let pgid: number | undefined;
    const r = await runner.run(base('sleep 300', { timeoutMs: 100, onStart: (pid) => (pgid = pid) }));
    expect(r.status).toBe('timed-out');
    await waitFor(() => pgid !== undefined && !groupAlive(pgid), 'the group to be gone');
  });

  it('pauses reading while onOutput is busy (backpressure) and loses nothing', async () => {
    // 40 runs: the bytes still buffered when the shell exits were lost in about 1 run of 8, when
    // Node's child_process resumed the stream on the tick after `exit` while no listener was on it.
    const short: number[] = [];
    for (let i = 0; i < 40; i++) {
      let seen = 0;
      const r = await runner.run(base('head -c 2000000 /dev/zero', {
        onOutput: async (chunk) => {
          seen += chunk.length;
          await new Promise((done) => setImmediate(done));
        },
      }));
      expect(r.status).toBe('succeeded');
      if (seen !== 2_000_000 || r.outputBytes !== 2_000_000) short.push(seen);
    }
    expect(short).toEqual([]);
  });
});
