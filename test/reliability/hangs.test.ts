// No hang: a step is over when its shell exits. What it started in the
// background keeps running; its later output is discarded, but nothing the
// shell wrote before exiting is lost. A catastrophic expect regex fails the
// step within its budget. No wall clock: markers, pids and 300 s sleeps that
// would time the test out if the engine waited for them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { groupAlive, until, world } from './cli.js';

const w = world();
const leftovers: number[] = [];
afterAll(() => {
  for (const pid of leftovers) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  w.cleanup();
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('background processes in a step', () => {
  it('the engine moves on when the shell exits; the background processes keep running; the shell\'s own output is all there', () => {
    const bg = join(w.dir, 'bg.pid');
    const chatty = join(w.dir, 'chatty.pid');
    const after = join(w.dir, 'after');
    const file = w.file('daemon.md', `---\nid: DAEMON\n---\n# Demonio\n\n## Arranca\n\n\`\`\`bash\nsleep 300 &\necho $! > "${bg}"\n(while :; do echo background-noise; sleep 0.05; done) &\necho $! > "${chatty}"\nseq 1 20000\nprintf 'SHELL-END'\n\`\`\`\n\n## Sigue\n\n\`\`\`bash\ntouch "${after}"\necho siguiente\n\`\`\`\n`);
    const r = w.run(['play', file, '--yes']);
    const pids = [Number(readFileSync(bg, 'utf8')), Number(readFileSync(chatty, 'utf8'))];
    leftovers.push(...pids);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('siguiente');
    const log = w.stateFiles().find((f) => f.path.endsWith('-arranca.1.log'))?.text ?? '';
    expect(log).toContain('\n20000\n');
    expect(log).toContain('SHELL-END');
    expect(r.stdout).toContain('SHELL-END');
    for (const pid of pids) expect(alive(pid), `background pid ${pid}`).toBe(true);
    expect(w.journalOf('DAEMON').at(-1)).toMatchObject({ type: 'run-finished', status: 'succeeded' });
  });
});

describe('expect=regex', () => {
  it('a catastrophically backtracking regex fails the step within the step\'s timeout instead of blocking the engine', () => {
    const after = join(w.dir, 'regex-after');
    const file = w.file('regex.md', `---\nid: REGEX\n---\n# Regex\n\n## Salida\n\n\`\`\`bash { timeout=2s }\nprintf '%s!' "$(printf 'a%.0s' $(seq 1 37))"\n\`\`\`\n\n\`\`\`text {expect=regex}\n^(a+)+$\n\`\`\`\n\n## Después\n\n\`\`\`bash\ntouch "${after}"\n\`\`\`\n`);
    const r = w.run(['play', file, '--yes']);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout + r.stderr).toContain('did not finish matching within 2 s');
    const finished = w.journalOf('REGEX').find((e) => e.type === 'step-finished');
    expect(finished).toMatchObject({ status: 'failed', reason: { key: 'reason.expectOverrun', data: { seconds: 2 } } });
  });
});

describe('resume and a step that is still running', () => {
  it('waits at most the step\'s timeout, then stops, resumable, naming the process group', async () => {
    const own = world();
    let pgid = 0;
    try {
      const marker = join(own.dir, 'wait-started');
      const file = own.file('wait.md', `---\nid: WAITRES\n---\n# Espera\n\n## Larga\n\n\`\`\`bash { timeout=2s }\ntouch "${marker}"\nsleep 300\n\`\`\`\n`);
      const child = own.start(['play', file, '--yes']);
      await until(() => existsSync(marker), 15_000, 'the step to start');
      child.kill('SIGKILL');
      await new Promise((done) => child.on('close', done));
      const proc = own.journalOf('WAITRES').find((e) => e.type === 'step-process');
      pgid = typeof proc?.pgid === 'number' ? proc.pgid : 0;
      expect(groupAlive(pgid)).toBe(true);
      const r = own.run(['resume', '--yes']);
      expect(r.code, r.stdout + r.stderr).toBe(1);
      expect(r.stderr).toContain(`step larga is still running (process group ${pgid}) after 2 s of waiting`);
      expect(groupAlive(pgid)).toBe(true);
      expect(own.journalOf('WAITRES').some((e) => e.type === 'run-finished')).toBe(false);
    } finally {
      if (pgid > 0) process.kill(-pgid, 'SIGKILL');
      own.cleanup();
    }
  });
});
