/**
 * A runbook's `lab` environment is used only when named: `play --yes` of a runbook whose only
 * environment is `lab` runs without one on a real server (it was chosen by default, then refused
 * for want of a lab), and `--env lab` still plays against the lab only.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '..', '..', 'dist', 'engine', 'cli', 'bin.js');
const work = mkdtempSync(join(tmpdir(), 'runbook-lab-named-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const env = { ...process.env, RUNBOOK_CACHE_DIR: join(work, 'cache'), RUNBOOK_STATE_DIR: join(work, 'state'), RUNBOOK_LOCK_DIR: join(work, 'locks'), RUNBOOK_LAB_DIR: join(work, 'no-lab'), RUNBOOK_LANG: 'en', NO_COLOR: '1' };
const play = (file: string, ...args: string[]) => spawnSync(process.execPath, [bin, 'play', file, '--yes', ...args], { cwd: work, encoding: 'utf8', env, input: '' });

const runbook = (environments: string) => `---
id: NAMED-1
environments:
${environments}
---
# Entorno

\`\`\`bash
echo "destino=\${TARGET:-servidor-real}" > ${join(work, 'out.txt')}
\`\`\`
`;
const LAB = '  lab:\n    vars:\n      TARGET: ${RUNBOOK_LAB_DIR}/systems/pawpaw/repo\n';

/** The environment the newest run's journal names, if any. */
function journaledEnv(): unknown {
  const runs = join(work, 'state', 'runs');
  const newest = readdirSync(runs).sort().at(-1) ?? '';
  const started: unknown = JSON.parse(readFileSync(join(runs, newest, 'journal.jsonl'), 'utf8').split('\n')[0] ?? '{}');
  return typeof started === 'object' && started !== null && 'env' in started ? started.env : undefined;
}

describe('the lab environment is used only when named', () => {
  it('a runbook whose only environment is lab plays without one when --env is not given', () => {
    const file = join(work, 'only-lab.md');
    writeFileSync(file, runbook(LAB));
    const r = play(file);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(readFileSync(join(work, 'out.txt'), 'utf8')).toBe('destino=servidor-real\n');
    expect(journaledEnv()).toBeUndefined();
  });

  it('--env lab with no lab up is still refused before any step', () => {
    const file = join(work, 'only-lab.md');
    writeFileSync(file, runbook(LAB));
    rmSync(join(work, 'out.txt'), { force: true });
    const r = play(file, '--env', 'lab');
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toContain('plays against the lab only');
    expect(() => readFileSync(join(work, 'out.txt'))).toThrow();
  });

  it('with another environment too, the default is that one, never lab', () => {
    const file = join(work, 'two.md');
    writeFileSync(file, runbook(`${LAB}  staging:\n    vars:\n      TARGET: staging\n`));
    const r = play(file);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(readFileSync(join(work, 'out.txt'), 'utf8')).toBe('destino=staging\n');
    expect(journaledEnv()).toBe('staging');
  });
});
