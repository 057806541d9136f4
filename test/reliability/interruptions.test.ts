// What each interruption leaves behind under --yes (docs/reliability.md,
// "Interruptions"): SIGINT and SIGTERM stop the step's whole group and leave
// the run resumable (exit 130, `run-stopped`, no lock); SIGHUP lets the step
// finish and the unattended run goes on to its end; a closed pipe never gives
// a stack trace or a stale lock. Markers and pids, never the clock.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, groupAlive, until, world } from './cli.js';

const w = world();
afterAll(() => w.cleanup());

const closed = (child: ReturnType<typeof w.start>) => new Promise<number | null>((done) => child.on('close', (c) => done(c)));
const lockDir = join(w.dir, 'locks');
const runsDir = join(w.dir, 'state', 'runs');
const locks = () => (existsSync(lockDir) ? readdirSync(lockDir).filter((f) => f.endsWith('.lock')) : []);

function tree(name: string, marker: string): string {
  return w.file(`${name}.md`, `# Árbol\n\n## Largo\n\n\`\`\`bash\nsleep 300 &\ntouch "${marker}"\nsleep 300\n\`\`\`\n\n## Después\n\n\`\`\`bash\ntouch "${marker}.after"\n\`\`\`\n`);
}

describe.each(['SIGTERM', 'SIGINT'] as const)('%s during a step (--yes)', (signal) => {
  it('stops the step group, leaves the run resumable (run-stopped, exit 130, no lock), and resume finishes it', async () => {
    const marker = join(w.dir, `started-${signal}`);
    const id = `tree-${signal.toLowerCase()}`;
    const file = tree(id, marker);
    const child = w.start(['play', file, '--yes']);
    await until(() => existsSync(marker), 15_000, 'the step to start');
    const started = w.journalOf(id).find((e) => e.type === 'step-process') as { pgid: number };
    expect(groupAlive(started.pgid)).toBe(true);
    child.kill(signal);
    expect(await closed(child), child.output()).toBe(130);
    await until(() => !groupAlive(started.pgid), 5_000, 'the process group to be gone');
    expect(existsSync(`${marker}.after`)).toBe(false);
    const events = w.journalOf(id);
    expect(events.find((e) => e.type === 'step-finished')).toMatchObject({ status: 'interrupted' });
    expect(events.at(-1)).toMatchObject({ type: 'run-stopped', signal, reason: { key: 'reason.signal', data: { signal } } });
    expect(events.some((e) => e.type === 'run-finished')).toBe(false);
    expect(child.output()).toContain(`Run STOPPED by ${signal}`);
    expect(child.output()).toContain('runbook resume');
    expect(child.output()).not.toMatch(/\n\s+at /); // no stack trace
    expect(locks()).toEqual([]);
    const runs = JSON.parse(w.run(['runs', '--json']).stdout) as { runbook: string; status: string }[];
    expect(runs.find((r) => r.runbook === id)?.status).toBe('stopped');
    // The run goes on: the stopped step runs again (its group was stopped midway), then the rest.
    const again = w.start(['resume', '--yes']);
    await until(() => existsSync(`${marker}`) && w.journalOf(id).filter((e) => e.type === 'step-process').length === 2, 15_000, 'the step to run again');
    const second = w.journalOf(id).filter((e) => e.type === 'step-process').at(-1) as { pgid: number };
    process.kill(-second.pgid, 'SIGKILL'); // end the long step: the run fails (exit 1), finished
    expect(await closed(again), again.output()).toBe(1);
    expect(w.journalOf(id).at(-1)).toMatchObject({ type: 'run-finished', status: 'failed' });
  });
});

describe('SIGHUP during a step (--yes)', () => {
  it('lets the step finish and the unattended run go on to its end', async () => {
    const gate = join(w.dir, 'hup-gate');
    const marker = join(w.dir, 'hup-started');
    const file = w.file('hup.md', `# Colgado\n\n## Largo\n\n\`\`\`bash\ntouch "${marker}"\nwhile [ ! -e "${gate}" ]; do sleep 0.1; done\necho "terminado"\n\`\`\`\n\n## Después\n\n\`\`\`bash\ntouch "${marker}.after"\n\`\`\`\n`);
    const child = w.start(['play', file, '--yes']);
    await until(() => existsSync(marker), 15_000, 'the step to start');
    child.kill('SIGHUP');
    await until(() => w.journalOf('hup').some((e) => e.type === 'decision' && (e.reason as { key?: string } | undefined)?.key === 'reason.terminalLost'), 15_000, 'the lost terminal to be journaled');
    spawnSync('touch', [gate]); // the step ends by itself, after the hang-up
    expect(await closed(child), child.output()).toBe(0);
    expect(existsSync(`${marker}.after`)).toBe(true);
    const events = w.journalOf('hup');
    expect(events.filter((e) => e.type === 'step-finished').map((e) => e.status)).toEqual(['succeeded', 'succeeded']);
    expect(events.at(-1)).toMatchObject({ type: 'run-finished', status: 'succeeded' });
    expect(locks()).toEqual([]);
  });
});

describe('a closed pipe: play --yes | head -c 20', () => {
  it('gives no stack trace, finishes the run, writes the reports and leaves no lock', () => {
    const marker = join(w.dir, 'pipe-after');
    const lines = Array.from({ length: 2000 }, (_, i) => `echo "línea ${i} de salida para llenar la tubería"`).join('\n');
    const file = w.file('pipe.md', `# Tubería\n\n## Mucho\n\n\`\`\`bash\n${lines}\n\`\`\`\n\n## Después\n\n\`\`\`bash\ntouch "${marker}"\n\`\`\`\n`);
    const env = { ...process.env, ...w.env };
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" play "${file}" --yes 2>"${w.dir}/pipe.err" | head -c 20; echo "status=\${PIPESTATUS[0]}"`], { cwd: w.dir, env, encoding: 'utf8', timeout: 60_000 });
    const stderr = readFileSync(join(w.dir, 'pipe.err'), 'utf8');
    expect(r.stdout).toContain('status=0');
    expect(stderr).not.toMatch(/EPIPE|\n\s+at |Error:/);
    expect(existsSync(marker)).toBe(true);
    const events = w.journalOf('pipe');
    expect(events.at(-1)).toMatchObject({ type: 'run-finished', status: 'succeeded' });
    const mine = readdirSync(runsDir).filter((id) => id.includes('-pipe-'));
    expect(mine).toHaveLength(1);
    expect(mine.every((id) => existsSync(join(runsDir, id, 'report.md')) && existsSync(join(runsDir, id, 'report.html')))).toBe(true);
    expect(locks()).toEqual([]);
  });
});
