// kill -9 of the engine at different points of a run: `runbook resume`
// always completes, finished steps never run twice, a torn last journal line
// is set aside and reported, and every step the screen showed as done is in
// the journal.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupAlive, until, world, type World } from './cli.js';

const STEPS = ['uno', 'dos', 'tres', 'cuatro'];

const runbook = (dir: string) =>
  `---\nid: CRASH\ntitle: Caída\n---\n# Caída\n\n${STEPS.map(
    (s, i) => `## ${s}\n\n\`\`\`bash\necho x >> "${dir}/${s}.count"\n${i === 1 ? `touch "${dir}/dos.started"\nsleep 1.5\n` : ''}echo "${s} hecho"\n\`\`\`\n`,
  ).join('\n')}`;

const count = (w: World, name: string) => (existsSync(join(w.dir, `${name}.count`)) ? readFileSync(join(w.dir, `${name}.count`), 'utf8').trim().split('\n').length : 0);

describe.each([
  ['during a step', (w: World) => existsSync(join(w.dir, 'dos.started'))],
  ['right after the run started', (w: World) => w.journals().flat().some((e) => e.type === 'run-started')],
])('kill -9 %s', (_label, ready) => {
  it('resume --yes completes the run and never re-runs a finished step', async () => {
    const w = world();
    try {
      const child = w.start(['play', w.file('crash.md', runbook(w.dir)), '--yes']);
      await until(() => ready(w), 15_000, 'the kill point');
      child.kill('SIGKILL');
      await new Promise((done) => child.on('close', done));
      const shown = child.output();
      const before = w.journals()[0] ?? [];
      // A step acknowledged on screen ("✔ done in …") is in the journal.
      for (const block of shown.split('▶ ').slice(1)) {
        const step = /^\d+\/\d+ (\S+)/.exec(block)?.[1];
        if (step && block.includes('✔ done in')) expect(before.some((e) => e.type === 'step-finished' && e.step === step), step).toBe(true);
      }
      const journalFile = w.stateFiles().find((f) => f.path.endsWith('journal.jsonl'))?.path as string;
      appendFileSync(journalFile, '{"seq":999,"at":"2026-11-22T00:00:00.000Z","type":"step-fin');
      const resumed = w.run(['resume', '--yes']);
      expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
      expect(resumed.stdout).toContain("journal's last line was cut off");
      expect(existsSync(`${journalFile}.torn`)).toBe(true);
      // A step finished before the kill ran once; the one the kill interrupted ran at most twice (re-run on resume).
      for (const s of STEPS) {
        const finishedBefore = before.some((e) => e.type === 'step-finished' && e.step === s);
        expect(count(w, s), s).toBeGreaterThanOrEqual(1);
        expect(count(w, s), s).toBeLessThanOrEqual(finishedBefore ? 1 : 2);
      }
      expect(STEPS.filter((s) => count(w, s) === 2).length).toBeLessThanOrEqual(1);
      const events = w.journals()[0] ?? [];
      expect(events.some((e) => e.type === 'resumed')).toBe(true);
      expect(events.at(-1)).toMatchObject({ type: 'run-finished', status: 'succeeded' });
    } finally {
      w.cleanup();
    }
  });
});

describe('resume after kill -9 with a secret capture', () => {
  const md = (dir: string) =>
    `---\nid: SECRETO\n---\n# Secreto\n\n## Token\n\n\`\`\`bash { id=token capture=TOKEN secret }\ncat "${dir}/token.txt"\n\`\`\`\n\n## Esperar\n\n\`\`\`bash { id=wait }\nif [ ! -e "${dir}/started" ]; then touch "${dir}/started"; sleep 300; fi\n\`\`\`\n\n## Usar\n\n\`\`\`bash { id=use }\nprintf '%s' "$TOKEN" > "${dir}/used.txt"\n\`\`\`\n`;

  it('never asks for it as a param; under --yes it stops before the step that needs it, resumable, and takes RUNBOOK_CAPTURE_<NAME>', async () => {
    const w = world();
    try {
      w.file('token.txt', 'tok-9f8e7d6c\n');
      const child = w.start(['play', w.file('secreto.md', md(w.dir)), '--yes']);
      await until(() => existsSync(join(w.dir, 'started')), 15_000, 'the wait step to start');
      child.kill('SIGKILL');
      await new Promise((done) => child.on('close', done));
      const started = w.journalOf('SECRETO').find((e) => e.type === 'step-process' && e.step === 'wait') as { pgid: number };
      process.kill(-started.pgid, 'SIGKILL');
      await until(() => !groupAlive(started.pgid), 5_000, 'the step group to be gone');

      const without = w.run(['resume', '--yes']);
      expect(without.code, without.stdout + without.stderr).toBe(1);
      expect(without.stderr).toContain('step use needs TOKEN, a secret captured by step token');
      expect(without.stderr).not.toContain('RUNBOOK_PARAM_TOKEN');
      expect(existsSync(join(w.dir, 'used.txt'))).toBe(false);
      expect(w.journalOf('SECRETO').some((e) => e.type === 'run-finished')).toBe(false);

      const given = w.run(['resume', '--yes'], { RUNBOOK_CAPTURE_TOKEN: 'tok-9f8e7d6c' });
      expect(given.code, given.stdout + given.stderr).toBe(0);
      expect(readFileSync(join(w.dir, 'used.txt'), 'utf8')).toBe('tok-9f8e7d6c');
      expect(w.stateFiles().some((f) => f.text.includes('tok-9f8e7d6c'))).toBe(false);
    } finally {
      w.cleanup();
    }
  });
});
