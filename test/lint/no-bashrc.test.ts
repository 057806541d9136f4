// lint's bash never reads the user's ~/.bashrc: bash sources it for a `bash -c` whose stdin is a
// socket (as Node's pipes are) when SHLVL is unset, taking itself for a remote shell.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '..', '..', 'dist', 'engine', 'cli', 'bin.js');
const home = mkdtempSync(join(tmpdir(), 'runbook-bashrc-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('lint and ~/.bashrc', () => {
  it('checks commands without sourcing it, even with no SHLVL', () => {
    const mark = join(home, 'bashrc-was-read');
    writeFileSync(join(home, '.bashrc'), `echo read >> "${mark}"\necho 'texto del bashrc'\n`);
    // The premise: such a bash does read it.
    const plain = spawnSync('bash', ['-c', 'true'], { input: '', env: { HOME: home, PATH: process.env.PATH } });
    expect(plain.status).toBe(0);
    expect(existsSync(mark)).toBe(true);
    rmSync(mark);

    const file = join(home, 'r.md');
    writeFileSync(file, '---\nid: RC-1\n---\n# Paso\n\n```bash\necho "hola" | tr a-z A-Z\n```\n\n```bash\nif true; then\n  echo sin cerrar\n```\n');
    const env = { HOME: home, PATH: process.env.PATH, RUNBOOK_NO_CACHE: '1', NO_COLOR: '1', RUNBOOK_LANG: 'en' };
    const r = spawnSync(process.execPath, [bin, 'lint', file], { encoding: 'utf8', input: '', env });
    expect(existsSync(mark)).toBe(false);
    expect(r.stdout + r.stderr).not.toContain('texto del bashrc');
    // bash still checks the commands: the unclosed `if` is reported, the first block is not.
    expect(r.stdout + r.stderr).toMatch(/r\.md:10:1 +warning +command-unparsable/);
    expect(r.stdout + r.stderr).not.toMatch(/r\.md:7:/);
  });
});
