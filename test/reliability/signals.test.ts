// SIGINT/SIGTERM/SIGHUP (closed terminal, lost SSH session) while a step runs
// a process tree: the step's whole process group is stopped, no orphan
// remains, the journal records why, and the exit code is 130.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { groupAlive, until, world } from './cli.js';

const w = world();
afterAll(() => w.cleanup());

describe.each(['SIGTERM', 'SIGHUP', 'SIGINT'] as const)('%s during a step', (signal) => {
  it('stops the step process group, journals the interruption and exits 130', async () => {
    const marker = join(w.dir, `started-${signal}`);
    const file = w.file(`tree-${signal}.md`, `# Árbol\n\n## Largo\n\n\`\`\`bash\nsleep 300 &\ntouch "${marker}"\nsleep 300\n\`\`\`\n\n## Después\n\n\`\`\`bash\ntouch "${marker}.after"\n\`\`\`\n`);
    const child = w.start(['play', file, '--yes']);
    await until(() => existsSync(marker), 15_000, 'the step to start');
    const started = w.journalOf(`tree-${signal}`).find((e) => e.type === 'step-process') as { pgid: number };
    expect(groupAlive(started.pgid)).toBe(true);
    child.kill(signal);
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    expect(code, child.output()).toBe(130);
    await until(() => !groupAlive(started.pgid), 5_000, 'the process group to be gone');
    expect(existsSync(`${marker}.after`)).toBe(false);
    const events = w.journalOf(`tree-${signal}`);
    expect(events.find((e) => e.type === 'step-finished')).toMatchObject({ status: 'interrupted' });
    expect(events.at(-1)).toMatchObject({ type: 'run-finished', status: 'aborted', reason: { key: 'reason.signal', data: { signal } } });
  });
});
