// One real run per runbook and environment per host: the second is refused
// with who holds the lock; --force takes over; a lock whose engine died while
// its step still runs is kept, and taken over once that step is gone.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { groupAlive, until, world } from './cli.js';

const w = world();
afterAll(() => w.cleanup());

const slow = (marker: string) => `---\nid: LOCKED\ntitle: Bloqueo\n---\n# Bloqueo\n\n## Lento\n\n\`\`\`bash\ntouch "${marker}"\nsleep 3\n\`\`\`\n`;

describe('run locks', () => {
  it('refuses a second run naming user, host, pid and since; --force proceeds; the lock dir is sticky', async () => {
    const marker = join(w.dir, 'first');
    const file = w.file('locked.md', slow(marker));
    const first = w.start(['play', file, '--yes']);
    await until(() => existsSync(marker), 15_000, 'the first run to start its step');
    const second = w.run(['play', file, '--yes']);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(new RegExp(`in progress: \\S+@\\S+, pid ${first.pid}, since \\d{4}-\\d\\d-\\d\\dT`));
    expect(statSync(w.env.RUNBOOK_LOCK_DIR as string).mode & 0o7777).toBe(0o1777);
    const forced = w.run(['play', w.file('quick.md', '---\nid: LOCKED\ntitle: Bloqueo\n---\n# B\n\n```bash\ntrue\n```\n'), '--yes', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    await new Promise((done) => first.on('close', done));
  });

  it('keeps the lock of a killed engine while its step runs, and takes it over once the step is gone', async () => {
    const marker = join(w.dir, 'killed');
    const file = w.file('killed.md', slow(marker).replace('LOCKED', 'KILLED'));
    const first = w.start(['play', file, '--yes']);
    // The step's shell may touch the marker before the engine journals its process (a loaded machine): wait for both.
    await until(() => existsSync(marker) && w.journalOf('KILLED').some((e) => e.type === 'step-process'), 15_000, 'the step to start');
    first.kill('SIGKILL');
    const started = w.journalOf('KILLED').find((e) => e.type === 'step-process') as { pgid: number };
    expect(groupAlive(started.pgid)).toBe(true);
    expect(w.run(['play', file, '--yes']).code).toBe(1);
    await until(() => !groupAlive(started.pgid), 10_000, 'the orphaned step to end');
    const taken = w.run(['play', file, '--yes']);
    expect(taken.code, taken.stderr).toBe(0);
  });

  it('dry runs take no lock', async () => {
    const marker = join(w.dir, 'dry');
    const file = w.file('dry.md', slow(marker).replace('LOCKED', 'DRY'));
    const first = w.start(['play', file, '--yes']);
    await until(() => existsSync(marker), 15_000, 'the step to start');
    expect(w.run(['play', file, '--dry-run', '--yes']).code).toBe(0);
    await new Promise((done) => first.on('close', done));
  });
});
