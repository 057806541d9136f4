/**
 * End to end through the built CLI: a transcript-style runbook written for
 * people, with placeholders and a `kubectl delete`, played under `--yes`.
 * A `kubectl` shim on PATH records the argv of every call.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'dist', 'engine', 'cli', 'bin.js');
const work = mkdtempSync(join(tmpdir(), 'runbook-realworld-'));
const calls = join(work, 'kubectl.log');
mkdirSync(join(work, 'bin'));
writeFileSync(join(work, 'bin', 'kubectl'), `#!/bin/sh\nfor a in "$@"; do printf '[%s]' "$a"; done >> "${calls}"\necho >> "${calls}"\necho "pod api-1 ok"\n`);
chmodSync(join(work, 'bin', 'kubectl'), 0o755);

const RUNBOOK = `# Limpiar un pod atascado

Mira los pods del espacio de nombres afectado.

\`\`\`console
$ kubectl get pods -n <namespace>
NAME     READY   STATUS
api-1    0/1     CrashLoopBackOff
\`\`\`

Borra el pod atascado; su deployment crea otro.

\`\`\`bash
$ kubectl delete pod <pod name> -n <namespace>
pod "api-1" deleted
\`\`\`
`;
writeFileSync(join(work, 'stuck-pod.md'), RUNBOOK);

function cli(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: work,
    encoding: 'utf8',
    input: '',
    env: { ...process.env, PATH: `${join(work, 'bin')}:${process.env.PATH}`, RUNBOOK_STATE_DIR: join(work, 'state'), RUNBOOK_CACHE_DIR: join(work, 'cache'), RUNBOOK_LOCK_DIR: join(work, 'locks'), RUNBOOK_LANG: 'en', NO_COLOR: '1' },
  });
  return { code: result.status, out: result.stdout + result.stderr, stdout: result.stdout };
}
const recorded = () => (existsSync(calls) ? readFileSync(calls, 'utf8') : '');

beforeEach(() => rmSync(calls, { force: true }));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a transcript-style runbook with placeholders and a kubectl delete', () => {
  it('under --yes asks for nothing and exits 2 before any step, naming each missing value and the -p to give', () => {
    const result = cli(['play', 'stuck-pod.md', '--yes']);
    expect(result.code, result.out).toBe(2);
    expect(result.out).toContain('missing required params: NAMESPACE, POD_NAME');
    expect(result.out).toContain('-p NAMESPACE=… -p POD_NAME=…');
    expect(recorded()).toBe('');
  });

  it('with -p values and without --allow-destructive runs the read-only step and refuses the inferred destructive one (exit 1)', () => {
    const result = cli(['play', 'stuck-pod.md', '--yes', '-p', 'NAMESPACE=web', '-p', 'POD_NAME=api-1']);
    expect(result.code, result.out).toBe(1);
    expect(result.out).toContain('is destructive; with --yes it runs only with --allow-destructive');
    expect(recorded()).toBe('[get][pods][-n][web]\n');
  });

  it('with the flag runs what the author meant: the prompt lines, placeholders as the values given', () => {
    const result = cli(['play', 'stuck-pod.md', '--yes', '--allow-destructive', '-p', 'NAMESPACE=web', '-p', 'POD_NAME=api-1']);
    expect(result.code, result.out).toBe(0);
    expect(recorded()).toBe('[get][pods][-n][web]\n[delete][pod][api-1][-n][web]\n');
  });

  it('--dry-run shows the missing values as <NAME> and exits 0', () => {
    const result = cli(['play', 'stuck-pod.md', '--yes', '--dry-run']);
    expect(result.code, result.out).toBe(0);
    expect(result.out).toContain('<NAMESPACE>');
    expect(result.out).toContain('<POD_NAME>');
    expect(recorded()).toBe('');
  });

  it('show explains the inferences; show --json keeps the commands as written and lists inferredParams', () => {
    const text = cli(['show', 'stuck-pod.md']).stdout;
    expect(text).toContain('⚠ destructive: `kubectl delete` (risk rule `destructive-argument`');
    expect(text).toMatch(/NAMESPACE \(used by limpiar-un-pod-atascado, limpiar-un-pod-atascado-2\)/);
    const json = JSON.parse(cli(['show', 'stuck-pod.md', '--json']).stdout) as { steps: { command: string }[]; inferredParams: { name: string; description: string; steps: string[] }[] };
    expect(json.steps.map((s) => s.command)).toEqual(['kubectl get pods -n <namespace>', 'kubectl delete pod <pod name> -n <namespace>']);
    expect(json.inferredParams).toMatchObject([
      { name: 'NAMESPACE', description: 'Mira los pods del espacio de nombres afectado.', steps: ['limpiar-un-pod-atascado', 'limpiar-un-pod-atascado-2'] },
      { name: 'POD_NAME', description: 'Borra el pod atascado; su deployment crea otro.', steps: ['limpiar-un-pod-atascado-2'] },
    ]);
  });

  it('a command bash cannot parse fails before anything runs, and lint reports it', () => {
    writeFileSync(join(work, 'broken.md'), '# Roto\n\n```bash\nkubectl get pods\n```\n\n```bash\nif true; then echo x\n```\n');
    const play = cli(['play', 'broken.md', '--yes']);
    expect(play.code, play.out).toBe(1);
    expect(play.out).toContain('step roto-2: bash cannot parse line 1 of its command');
    expect(recorded()).toBe('');
    const lint = cli(['lint', 'broken.md', '--strict']);
    expect(lint.code).toBe(1);
    expect(lint.stdout).toMatch(/^broken\.md:7:1 {2}error {2}command-unparsable {2}Unexpected shell syntax on line 1 of step `roto-2`/m);
  });

  it('a Runme excludeFromRunAll cell stays out of the run unless --only names it; inferred params are journaled like params', () => {
    const log = join(work, 'runme.log');
    writeFileSync(join(work, 'runme.md'), `# Runme\n\n\`\`\`sh {"name":"a"}\necho a >> ${log}\n\`\`\`\n\n\`\`\`sh {"name":"b","excludeFromRunAll":true}\necho b >> ${log}\n\`\`\`\n\n\`\`\`sh\necho <who> >> ${log}\n\`\`\`\n`);
    const all = cli(['play', 'runme.md', '--yes', '-p', 'WHO=ana']);
    expect(all.code, all.out).toBe(0);
    expect(readFileSync(log, 'utf8')).toBe('a\nana\n');
    const journal = /Journal: (\S+)/.exec(all.out)?.[1] ?? '';
    expect(JSON.parse(readFileSync(journal, 'utf8').split('\n')[0] ?? '{}')).toMatchObject({ type: 'run-started', params: { WHO: 'ana' } });
    rmSync(log);
    const only = cli(['play', 'runme.md', '--yes', '--only', 'b']);
    expect(only.code, only.out).toBe(0);
    expect(readFileSync(log, 'utf8')).toBe('b\n');
  });

  it('an endless command is refused under --yes unless the step has a timeout', () => {
    writeFileSync(join(work, 'follow.md'), '# Seguir\n\n```bash\nkubectl logs -f deploy/api\n```\n');
    const play = cli(['play', 'follow.md', '--yes']);
    expect(play.code, play.out).toBe(1);
    expect(play.out).toContain('step seguir runs `kubectl logs -f`, which needs a terminal or never ends by itself');
    expect(recorded()).toBe('');
  });
});
