/**
 * `lint --fix` and `--fix-dry-run` through the built CLI, on a transcript-style runbook of our
 * own (test/fixtures/adopt): files written, exit codes, the diff, idempotence, the steps kept,
 * and the refusals (a file changed since it was read, a fix that would change a step).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, cleanEnv, removeTempDirs, ROOT, runCli, tempDir } from './run-cli.js';

const FIXTURES = join(ROOT, 'test/fixtures/adopt');
const FIXED_RULES = ['commands-unlabelled', 'prompts-read', 'risk-inferred', 'param-inferred'];

afterAll(removeTempDirs);

/** A folder with copies of the fixtures. */
function work(): { dir: string; file: string; native: string } {
  const dir = tempDir('runbook-fix-');
  for (const name of ['pods-atascados.md', 'nativo.md']) copyFileSync(join(FIXTURES, name), join(dir, name));
  return { dir, file: join(dir, 'pods-atascados.md'), native: join(dir, 'nativo.md') };
}

interface ShownStep { id: string; kind: string; command?: string; destructive?: boolean }
function show(file: string): { steps: ShownStep[]; inferredParams: { name: string }[]; frontMatter: { params: Record<string, { description?: string; required: boolean }> } } {
  const result = runCli(['show', file, '--json']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as ReturnType<typeof show>;
}

function lintJson(file: string): { errors: number; diagnostics: { rule: string }[] } {
  const result = runCli(['lint', file, '--json']);
  return JSON.parse(result.stdout) as ReturnType<typeof lintJson>;
}

describe('lint --fix-dry-run', () => {
  it('prints a unified diff of what --fix would change, writes nothing, exits 0', () => {
    const { dir, file, native } = work();
    const before = readFileSync(file, 'utf8');
    const result = runCli(['lint', '--fix-dry-run', dir]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`--- a/${file}`);
    expect(result.stdout).toContain(`+++ b/${file}`);
    expect(result.stdout).toContain('-```console\n-$ kubectl get pods -n <namespace>\n+```bash\n+kubectl get pods -n <namespace>\n+```\n+\n+```text\n');
    expect(result.stdout).toContain('-   ```bash { id=borrar-pod }\n');
    expect(result.stdout).toContain('+   ```bash { id=borrar-pod destructive }\n');
    expect(result.stdout).toContain('+params:\n+  NAMESPACE:\n');
    expect(result.stdout).not.toContain('nativo.md');
    expect(result.stderr).toContain('1 file would change (nothing written');
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(['nativo.md', 'pods-atascados.md']);
    expect(readFileSync(native, 'utf8')).toBe(readFileSync(join(FIXTURES, 'nativo.md'), 'utf8'));
  });

  it('with --json gives each changed file, its counts and its diff', () => {
    const { file } = work();
    const result = runCli(['lint', '--fix-dry-run', file, '--json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { changed: { file: string; labelled: number; transcripts: number; destructive: number; params: number; diff: string }[] };
    expect(json.changed).toHaveLength(1);
    expect(json.changed[0]).toMatchObject({ file, labelled: 1, transcripts: 3, destructive: 1, params: 3 });
    expect(json.changed[0]?.diff).toContain('+```bash\n');
  });

  it('together with --fix is a usage error (exit 2), nothing written', () => {
    const { file } = work();
    const before = readFileSync(file, 'utf8');
    const result = runCli(['lint', '--fix', '--fix-dry-run', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--fix');
    expect(result.stderr).toContain('--fix-dry-run');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});

describe('lint --fix', () => {
  it('rewrites the file into the native form: same steps and commands, marks and params written, nothing left to fix', () => {
    const { dir, file, native } = work();
    const original = readFileSync(file, 'utf8');
    const before = show(file);
    const result = runCli(['lint', '--fix', dir]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`fixed ${file}: 1 fence(s) labelled, 3 transcript(s) split, 1 destructive mark(s), 3 param(s) declared`);
    const fixed = readFileSync(file, 'utf8');
    expect(fixed).not.toBe(original);
    // Unchanged parts are byte-identical: the front matter's own lines, the prose, the output-only fence.
    expect(fixed.startsWith('---\n# Escrito para personas: lo adopta `lint --fix`.\ntitle: Pods atascados en Terminating\ntags: [kubernetes, pods]   # etiquetas del equipo\nparams:\n')).toBe(true);
    expect(fixed).toContain('Salida de ejemplo de una versión antigua (no es un comando):\n\n```\nError from server (NotFound): pods "web-1" not found\n```\n\n- [ ] Avisar en #incidencias\n');
    expect(fixed).toContain('   ```bash { id=borrar-pod destructive }\n   kubectl delete pod <pod name> -n <namespace> --grace-period=0 --force\n   ```\n\n   ```text\n   pod "web-1" force deleted\n   ```\n');
    expect(fixed).toContain('```bash\nkubectl get events -n <namespace> --sort-by=.lastTimestamp\n```');
    expect(readFileSync(native, 'utf8')).toBe(readFileSync(join(FIXTURES, 'nativo.md'), 'utf8'));

    const after = show(file);
    const commands = (s: { steps: ShownStep[] }) => s.steps.map((step) => step.command ?? `manual:${step.id}`);
    // The steps that ran before run the same commands, in order; the labelled fence is the one new step.
    expect(commands(after)).toEqual([commands(before)[0], 'kubectl get events -n <namespace> --sort-by=.lastTimestamp', ...commands(before).slice(1)]);
    expect(after.steps.find((s) => s.id === 'borrar-pod')?.destructive).toBe(true);
    expect(before.steps.find((s) => s.id === 'borrar-pod')?.destructive).toBe(true);
    expect(before.inferredParams.map((p) => p.name)).toEqual(['NAMESPACE', 'POD_NAME', 'NODE']);
    expect(after.inferredParams).toEqual([]);
    expect(after.frontMatter.params.NAMESPACE).toMatchObject({ required: true, description: 'Primero mira el estado de los pods del espacio de nombres afectado.' });
    expect(Object.keys(after.frontMatter.params)).toEqual(['NAMESPACE', 'POD_NAME', 'NODE']);

    const lint = lintJson(file);
    expect(lint.errors).toBe(0);
    expect(lint.diagnostics.filter((d) => FIXED_RULES.includes(d.rule))).toEqual([]);
  });

  it('is idempotent: a second --fix changes nothing', () => {
    const { dir, file } = work();
    expect(runCli(['lint', '--fix', dir]).code).toBe(0);
    const once = readFileSync(file, 'utf8');
    const again = runCli(['lint', '--fix', dir]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('nothing to fix');
    expect(readFileSync(file, 'utf8')).toBe(once);
    const dry = runCli(['lint', '--fix-dry-run', dir]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toBe('');
  });

  it('refuses a file that changed between read and write: the other writer\'s text stays, no temp file is left, exit 1', () => {
    const { dir, file } = work();
    const original = readFileSync(file, 'utf8');
    const hook = pathToFileURL(join(ROOT, 'test/support/fix-race.mjs')).href;
    const result = spawnSync(process.execPath, ['--import', hook, BIN, 'lint', '--fix', file], { cwd: dir, env: cleanEnv({ RUNBOOK_TEST_RACE_FILE: file }), encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).toContain('pods-atascados.md changed while it was being fixed: not written');
    expect(readFileSync(file, 'utf8')).toBe(`${original}\nLínea añadida por otro editor.\n`);
    expect(readdirSync(dir).sort()).toEqual(['nativo.md', 'pods-atascados.md']);
  });

  it('refuses a fix that would change what a step runs, and leaves the file as it is (exit 1)', () => {
    const dir = tempDir('runbook-fix-');
    const file = join(dir, 'raro.md');
    // A continuation line that itself starts with `$ `: as a plain bash fence it would be read as a prompt.
    const text = '# Raro\n\n```console\n$ echo uno \\\n$ dos\nsalida\n```\n';
    writeFileSync(file, text);
    const result = runCli(['lint', '--fix', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('raro.md not fixed: the native form would change what a step runs');
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('keeps lint\'s exit 1 when errors remain after fixing', () => {
    const dir = tempDir('runbook-fix-');
    const file = join(dir, 'con-error.md');
    writeFileSync(file, '# Con error\n\n```bash { destrutive }\n$ kubectl get pods\nNAME\n```\n');
    const result = runCli(['lint', '--fix', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('attribute-unknown');
    expect(readFileSync(file, 'utf8')).toBe('# Con error\n\n```bash { destrutive }\nkubectl get pods\n```\n\n```text\nNAME\n```\n');
  });

  it('follows a symbolic link: the target is fixed, the link stays a link', () => {
    const { dir, file } = work();
    mkdirSync(join(dir, 'links'));
    const link = join(dir, 'links', 'enlace.md');
    symlinkSync(file, link);
    const result = runCli(['lint', '--fix', link]);
    expect(result.code, result.stderr).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('```bash { id=borrar-pod destructive }');
  });

  it('without paths fixes the local runbooks (./runbooks) and never the shipped ones', () => {
    const cwd = tempDir('runbook-fix-cwd-');
    mkdirSync(join(cwd, 'runbooks'));
    copyFileSync(join(FIXTURES, 'pods-atascados.md'), join(cwd, 'runbooks', 'pods-atascados.md'));
    const shippedBefore = spawnSync('git', ['status', '--porcelain', 'runbooks'], { cwd: ROOT, encoding: 'utf8' }).stdout;
    const result = runCli(['lint', '--fix'], { cwd });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('fixed runbooks/pods-atascados.md');
    expect(result.stderr.match(/^fixed /gm)).toHaveLength(1);
    expect(spawnSync('git', ['status', '--porcelain', 'runbooks'], { cwd: ROOT, encoding: 'utf8' }).stdout).toBe(shippedBefore);
  });
});

describe('lint --fix keeps what a runbook written for people means', () => {
  it('writes no destructive mark where rollback or alternative sections are inferred: flow, options and rollback path stay the same', () => {
    const dir = tempDir('runbook-fix-sections-');
    const file = join(dir, 'limpiar.md');
    writeFileSync(file, '# Limpiar\n\n## Mirar\n\n```\nls ./cache\n```\n\n## Borrar\n\n```bash\nrm -rf ./cache\n```\n\n## Opción A\n\n```bash\necho a\n```\n\n## Opción B\n\n```bash\necho b\n```\n\n## Marcha atrás\n\n```bash\necho deshacer\n```\n');
    const plan = () => {
      const r = runCli(['show', file, '--json']);
      expect(r.code, r.stderr).toBe(0);
      const j = JSON.parse(r.stdout) as { flow: string[]; rollback: string[] };
      return { flow: j.flow, rollback: j.rollback };
    };
    const before = plan();
    expect(before.rollback).toHaveLength(1);
    const fixed = runCli(['lint', '--fix', file]);
    expect(fixed.code, fixed.stderr).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('```bash\nls ./cache\n```'); // labelled
    expect(text).not.toContain('destructive'); // not marked: the sections' inference holds
    const after = plan();
    expect(after.flow.filter((id) => !before.flow.includes(id))).toEqual(['mirar']);
    expect(after.flow.filter((id) => id !== 'mirar')).toEqual(before.flow);
    expect(after.rollback).toEqual(before.rollback);
    const diagnostics = lintJson(file).diagnostics.map((d) => d.rule);
    expect(diagnostics).toEqual(expect.arrayContaining(['risk-inferred', 'alternatives-inferred', 'rollback-section-inferred']));
  });
});
