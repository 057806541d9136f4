// A full disk under the state directory (a 256 KiB tmpfs): a step log that
// cannot be written does not crash the engine (the journal says the log is
// incomplete); a journal line that cannot be written stops the run cleanly,
// naming the journal and the bytes, with nothing else run; once there is room
// `resume` completes it and no finished step runs twice.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { world } from './cli.js';

const root = process.getuid?.() === 0;
const w = world();
const small = join(w.dir, 'small');
afterAll(() => w.cleanup());
beforeEach(() => {
  if (!root) return;
  mkdirSync(small, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', small]);
});
afterEach(() => {
  if (!root) return;
  execFileSync('umount', [small]);
});

const count = (name: string) => (existsSync(join(w.dir, name)) ? readFileSync(join(w.dir, name), 'utf8').trim().split('\n').length : 0);

describe.skipIf(!root)('a full disk', () => {
  it('ENOSPC in a step log: the engine goes on, the journal says the log is incomplete', () => {
    const filler = join(small, 'filler');
    writeFileSync(filler, Buffer.alloc(96 * 1024));
    const file = w.file('log-full.md', `---\nid: LOGFULL\n---\n# Log lleno\n\n## Mucho\n\n\`\`\`bash\nhead -c 400000 /dev/zero | tr '\\0' a\nrm -f "${filler}"\n\`\`\`\n\n## Después\n\n\`\`\`bash\necho x >> "${join(w.dir, 'after-log.count')}"\n\`\`\`\n`);
    // `rm -f` makes the step destructive (inferred): --allow-destructive lets --yes run it.
    const r = w.run(['play', file, '--yes', '--allow-destructive', '--state-dir', join(small, 'state')]);
    expect(r.code, r.stderr).toBe(0);
    expect(count('after-log.count')).toBe(1);
    const journal = readFileSync(execFileSync('sh', ['-c', `ls ${small}/state/runs/*/journal.jsonl`], { encoding: 'utf8' }).trim(), 'utf8');
    const events = journal.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events.find((e) => e.type === 'step-finished' && e.step === 'mucho')).toMatchObject({ status: 'succeeded', logIncomplete: 'ENOSPC' });
    expect(events.at(-1)).toMatchObject({ type: 'run-finished', status: 'succeeded' });
  });

  // The last step's command (≈48 KB) is longer than anything the engine frees when a step ends (a tmpfs
  // page of the journal, the step's unlinked session dump: about the size of the environment), so its
  // step-started line cannot be written. The step that fills the disk still succeeds: its session dump
  // cannot be written either, and that must not change the step (nor print the shell's write errors).
  it('a journal line that cannot be written stops the run, naming the file and the bytes; resume completes it, nothing finished runs twice', () => {
    const state = join(small, 'state');
    const file = w.file('journal-full.md', `---\nid: JFULL\n---\n# Journal lleno\n\n## Uno\n\n\`\`\`bash\necho x >> "${join(w.dir, 'uno.count')}"\n\`\`\`\n\n## Llena\n\n\`\`\`bash\necho x >> "${join(w.dir, 'llena.count')}"\nif [ ! -e "${join(w.dir, 'filled')}" ]; then touch "${join(w.dir, 'filled')}"; head -c 1000000 /dev/zero > "${join(small, 'filler')}" || true; fi\n\`\`\`\n\n## Tres\n\n\`\`\`bash\n# ${'larga '.repeat(8000)}\necho x >> "${join(w.dir, 'tres.count')}"\n\`\`\`\n`);
    const r = w.run(['play', file, '--yes', '--state-dir', state]);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    const journalFile = execFileSync('sh', ['-c', `ls ${state}/runs/*/journal.jsonl`], { encoding: 'utf8' }).trim();
    expect(r.stderr).toMatch(new RegExp(`cannot write \\d+ bytes to the journal ${journalFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(ENOSPC\\)`));
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(count('tres.count')).toBe(0);
    expect(r.stdout).toMatch(/✔ done[^\n]*\n\n§ Tres/);
    expect(r.stdout + r.stderr).not.toMatch(/declare|write error/);
    const text = readFileSync(journalFile, 'utf8');
    expect(text.endsWith('\n')).toBe(true); // no torn line left
    const events = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events.some((e) => e.type === 'run-finished')).toBe(false);
    expect(events.some((e) => e.type === 'step-finished' && e.step === 'uno')).toBe(true);
    rmSync(join(small, 'filler'));
    const resumed = w.run(['resume', '--yes', '--state-dir', state]);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(count('uno.count')).toBe(1);
    expect(count('llena.count')).toBeLessThanOrEqual(2); // it never finished in the journal: re-run once, like after a crash
    expect(count('tres.count')).toBe(1);
    const after = readFileSync(journalFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(after.at(-1)).toMatchObject({ type: 'run-finished', status: 'succeeded' });
  });
});
