/**
 * The JSON of every read command, as docs/cli.md documents it: `--json` and
 * `--format json` print the same bytes, stdout is one JSON document, stderr
 * holds no JSON, and the documented fields are there with their types.
 * Checks are open-ended (toMatchObject): new fields may be added at any time.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, removeTempDirs, runCli, tempDir, type CliResult } from '../lint/run-cli.js';

afterAll(removeTempDirs);

const ISO = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
const nullable = (matcher: unknown) => expect.toBeOneOf([matcher, null]);
const RUN_RESULT = expect.toBeOneOf(['succeeded', 'failed', 'aborted', 'rolled-back', 'stopped', 'unfinished']);
const MODE = expect.toBeOneOf(['real', 'dry-run']);

/** A state directory with runs of its own, shared by the run-reading commands. */
let env: NodeJS.ProcessEnv;

function cli(args: string[]): CliResult {
  return runCli(args, { env });
}

/** stderr may hold diagnostics and messages as text, never a JSON document. */
function expectNoJson(stderr: string): void {
  expect(stderr).not.toMatch(/^\s*[[{]/m);
}

/** Runs a command with `--json` and with `--format json` (when it has `--format`), checks both agree, returns the parsed stdout. */
function json<T = unknown>(args: string[], { code = 0, format = true }: { code?: number; format?: boolean } = {}): T {
  const short = cli([...args, '--json']);
  expect(short.code, short.stderr).toBe(code);
  expectNoJson(short.stderr);
  expect(short.stdout.endsWith('\n')).toBe(true);
  if (format) {
    const long = cli([...args, '--format', 'json']);
    expect(long.code).toBe(code);
    expect(long.stdout).toBe(short.stdout);
    expectNoJson(long.stderr);
  }
  return JSON.parse(short.stdout) as T;
}

const TINY = `---
id: JSON-TINY
title: Tiny runbook
severity: low
tags: [json-shapes]
---

# Tiny

Say hi.

\`\`\`bash {id=say-hi}
echo hi
\`\`\`

- [ ] Check that it said hi
`;

const FAIL = `---
id: JSON-FAIL
title: Failing runbook
---

# Fail

\`\`\`bash {id=boom}
echo before; exit 3
\`\`\`
`;

interface Row {
  runId: string;
  runbook: string;
}

let runIds: Record<string, string>;

beforeAll(() => {
  env = cleanEnv({ RUNBOOK_STATE_DIR: tempDir('runbook-state-'), RUNBOOK_LOCK_DIR: tempDir('runbook-locks-') });
  const dir = tempDir('runbook-json-');
  const tiny = join(dir, 'tiny.md');
  const fail = join(dir, 'fail.md');
  writeFileSync(tiny, TINY);
  writeFileSync(fail, FAIL);
  expect(cli(['play', 'SOP-002', '--dry-run', '--yes']).code).toBe(0);
  expect(cli(['play', tiny, '--yes']).code).toBe(0);
  expect(cli(['play', fail, '--yes']).code).toBe(1);
  const rows = JSON.parse(cli(['runs', '--json']).stdout) as Row[];
  runIds = Object.fromEntries(rows.map((r) => [r.runbook, r.runId]));
});

describe('runbook list --json', () => {
  it('an array of rows sorted by id, with the documented fields', () => {
    const rows = json<Record<string, unknown>[]>(['list']);
    expect(Array.isArray(rows)).toBe(true);
    expect(rows.length).toBeGreaterThanOrEqual(20);
    for (const row of rows) {
      expect(row).toMatchObject({
        id: expect.any(String),
        aliases: expect.any(Array),
        title: expect.any(String),
        severity: nullable(expect.any(String)),
        tags: expect.any(Array),
        steps: expect.any(Number),
        estimated: nullable(expect.any(String)),
        path: expect.any(String),
      });
    }
    const ids = rows.map((r) => r.id as string);
    expect(ids).toEqual([...ids].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
    expect(rows.find((r) => r.id === 'RB-01')).toMatchObject({ aliases: ['restore-db'], path: 'runbooks/pawpaw/RB-01-restore-db.md' });
  });

  it('no match is an empty array', () => {
    expect(json(['list', '--tag', 'no-such-tag'])).toEqual([]);
  });
});

describe('runbook show --json', () => {
  it('the parsed runbook plus its execution order', () => {
    const rb = json<Record<string, unknown> & { steps: Record<string, unknown>[] }>(['show', 'RB-01']);
    expect(rb).toMatchObject({
      path: 'runbooks/pawpaw/RB-01-restore-db.md',
      id: 'RB-01',
      title: expect.any(String),
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      frontMatter: {
        aliases: ['restore-db'],
        tags: expect.any(Array),
        environments: expect.any(Object),
        params: expect.any(Object),
        requires: { commands: expect.any(Array), env: expect.any(Array), files: expect.any(Array) },
        preconditions: expect.any(Array),
        mask: expect.any(Array),
        keyPositions: expect.any(Object),
      },
      hasFrontMatter: true,
      sections: expect.any(Array),
      steps: expect.any(Array),
      context: expect.any(Array),
      flow: expect.any(Array),
      handlers: expect.any(Array),
      rollback: expect.any(Array),
    });
    const position = { line: expect.any(Number), column: expect.any(Number) };
    const base = { id: expect.any(String), section: expect.any(Number), position, index: expect.any(Number), needs: expect.any(Array), rollback: expect.any(Boolean) };
    const command = rb.steps.find((s) => s.kind === 'command');
    expect(command).toMatchObject({
      ...base,
      lang: expect.any(String),
      command: expect.any(String),
      destructive: expect.any(Boolean),
      retry: expect.any(Number),
      delayMs: expect.any(Number),
      intervalMs: expect.any(Number),
      secretCapture: expect.any(Boolean),
      continueOnError: expect.any(Boolean),
      interactive: expect.any(Boolean),
      attributes: expect.any(Object),
      attributePositions: expect.any(Object),
    });
    expect(rb.steps.find((s) => s.kind === 'manual')).toMatchObject({ ...base, text: expect.any(String), checked: expect.any(Boolean) });
    const ids = new Set(rb.steps.map((s) => s.id));
    for (const id of [...(rb.flow as string[]), ...(rb.rollback as string[])]) expect(ids.has(id)).toBe(true);
  });

  it('an unknown runbook: exit 2, nothing on stdout, the error on stderr', () => {
    const result = cli(['show', 'NO-SUCH-RUNBOOK', '--json']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/NO-SUCH-RUNBOOK/);
    expectNoJson(result.stderr);
  });
});

describe('runbook lint --json', () => {
  const DIAGNOSTIC = {
    file: expect.any(String),
    line: expect.any(Number),
    column: expect.any(Number),
    severity: expect.toBeOneOf(['error', 'warning', 'info']),
    rule: expect.any(String),
    message: expect.any(String),
  };

  it('clean runbooks: counts and only `info` diagnostics, exit 0, no summary line', () => {
    const result = json<{ files: number; infos: number; diagnostics: { severity: string }[] }>(['lint', 'runbooks']);
    expect(result).toMatchObject({ files: expect.any(Number), errors: 0, warnings: 0, infos: expect.any(Number) });
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(result.diagnostics.length).toBe(result.infos);
    expect(result.files).toBeGreaterThanOrEqual(20);
    expect(cli(['lint', 'runbooks', '--json']).stderr).toBe('');
  });

  it('problems: exit 1, still the whole result on stdout', () => {
    const result = json<{ files: number; errors: number; warnings: number; infos: number; diagnostics: Record<string, unknown>[] }>(['lint', 'test/fixtures/broken'], { code: 1 });
    expect(result).toMatchObject({ files: expect.any(Number), errors: expect.any(Number), warnings: expect.any(Number), diagnostics: expect.any(Array) });
    expect(result.errors).toBeGreaterThan(0);
    expect(result.diagnostics.length).toBe(result.errors + result.warnings + result.infos);
    expect(result.diagnostics.filter((d) => d.severity === 'error').length).toBe(result.errors);
    for (const d of result.diagnostics) expect(d).toMatchObject(DIAGNOSTIC);
    expect(result.diagnostics.find((d) => d.rule === 'attribute-unknown')).toMatchObject({ file: 'test/fixtures/broken/attribute-unknown.md', severity: 'error' });
  });

  it('--strict reports warnings as errors', () => {
    const plain = json<{ errors: number; warnings: number }>(['lint', 'test/fixtures/broken'], { code: 1, format: false });
    const strict = json<{ errors: number; warnings: number; diagnostics: { severity: string }[] }>(['lint', 'test/fixtures/broken', '--strict'], { code: 1 });
    expect(plain.warnings).toBeGreaterThan(0);
    expect(strict).toMatchObject({ errors: plain.errors + plain.warnings, warnings: 0 });
    // `info` never becomes an error, not even with --strict.
    expect(strict.diagnostics.every((d) => d.severity === 'error' || d.severity === 'info')).toBe(true);
  });
});

describe('runbook graph --json', () => {
  it('nodes and edges of the step graph', () => {
    const graph = json<{ flow: string[]; nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] }>(['graph', 'RB-01']);
    expect(graph).toMatchObject({ id: 'RB-01', flow: expect.any(Array), handlers: expect.any(Array), rollback: expect.any(Array), nodes: expect.any(Array), edges: expect.any(Array) });
    for (const node of graph.nodes) {
      expect(node).toMatchObject({ id: expect.any(String), kind: expect.toBeOneOf(['command', 'manual']), line: expect.any(Number), rollback: expect.any(Boolean) });
      if (node.kind === 'command') expect(node.destructive).toEqual(expect.any(Boolean));
      else expect(node).not.toHaveProperty('destructive');
    }
    for (const edge of graph.edges) expect(edge).toMatchObject({ from: expect.any(String), to: expect.any(String), kind: expect.toBeOneOf(['needs', 'on-failure', 'rollback']) });
    expect(graph.flow).toEqual(json<{ flow: string[] }>(['show', 'RB-01'], { format: false }).flow);
  });
});

describe('runbook runs --json', () => {
  it('one row per run, with the documented fields', () => {
    const rows = json<Record<string, unknown>[]>(['runs']);
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row).toMatchObject({
        runId: expect.any(String),
        runbook: expect.any(String),
        title: expect.any(String),
        operator: expect.any(String),
        env: nullable(expect.any(String)),
        mode: MODE,
        startedAt: ISO,
        durationMs: nullable(expect.any(Number)),
        status: RUN_RESULT,
      });
    }
    expect(rows.find((r) => r.runbook === 'SOP-002')).toMatchObject({ mode: 'dry-run', env: 'staging', status: 'succeeded' });
    expect(rows.find((r) => r.runbook === 'JSON-TINY')).toMatchObject({ mode: 'real', env: null, status: 'succeeded', durationMs: expect.any(Number) });
    expect(rows.find((r) => r.runbook === 'JSON-FAIL')).toMatchObject({ status: 'failed' });
  });

  it('no runs: an empty array and exit 0', () => {
    const empty = runCli(['runs', '--json', '--state-dir', tempDir('runbook-empty-')], { env });
    expect(empty.code).toBe(0);
    expect(JSON.parse(empty.stdout)).toEqual([]);
  });
});

describe('runbook log --json', () => {
  const LOG_ROW = {
    runId: expect.any(String),
    startedAt: ISO,
    runbook: expect.any(String),
    title: expect.any(String),
    operator: expect.any(String),
    host: expect.any(String),
    env: nullable(expect.any(String)),
    mode: MODE,
    status: RUN_RESULT,
    durationMs: nullable(expect.any(Number)),
    notes: expect.any(Array),
    failure: nullable(expect.any(Object)),
    reasonId: nullable(expect.any(String)),
    data: nullable(expect.any(Object)),
    reason: nullable(expect.any(String)),
    resumed: expect.any(Boolean),
    escalated: expect.any(Boolean),
  };

  it('the maintenance log: one row per run, with the documented fields', () => {
    const rows = json<Record<string, unknown>[]>(['log']);
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatchObject(LOG_ROW);
    expect(rows.find((r) => r.runbook === 'JSON-TINY')).toMatchObject({ runId: runIds['JSON-TINY'], status: 'succeeded', failure: null });
  });

  it('--runbook filters; a failed run names its failed step', () => {
    const rows = json<Record<string, unknown>[]>(['log', '--runbook', 'JSON-FAIL']);
    expect(rows).toEqual([expect.objectContaining({ ...LOG_ROW, runbook: 'JSON-FAIL', status: 'failed', failure: { step: 'boom', timedOut: false, kind: 'exit-code', exitCode: 3, signal: null, durationMs: expect.any(Number), reasonId: null, data: null, reason: null } })]);
    expect(json(['log', '--runbook', 'NO-SUCH-RUNBOOK'], { format: false })).toEqual([]);
  });
});

describe('runbook report --json', () => {
  const REPORT = {
    runId: expect.any(String),
    mode: MODE,
    status: RUN_RESULT,
    runbook: { id: expect.any(String), title: expect.any(String), path: expect.any(String), sha256: expect.any(String) },
    protectedEnv: expect.any(Boolean),
    operator: expect.any(String),
    host: expect.any(String),
    interactive: false,
    engineVersion: expect.any(String),
    startedAt: ISO,
    endedAt: ISO,
    durationMs: expect.any(Number),
    params: expect.any(Array),
    preflight: expect.any(Array),
    steps: expect.any(Array),
    decisions: expect.any(Array),
    notes: expect.any(Array),
    captures: expect.any(Array),
    resumed: expect.any(Array),
  };

  it('a succeeded run: the report model, every step attempt, no incident', () => {
    const report = json<Record<string, unknown> & { steps: Record<string, unknown>[] }>(['report', runIds['JSON-TINY'] as string]);
    expect(report).toMatchObject({ ...REPORT, runId: runIds['JSON-TINY'], mode: 'real', status: 'succeeded', runbook: { id: 'JSON-TINY', severity: 'low' } });
    expect(report).not.toHaveProperty('incident');
    expect(report.steps).toEqual([
      expect.objectContaining({ id: 'say-hi', phase: 'flow', attempt: 1, kind: 'command', command: 'echo hi', startedAt: ISO, finishedAt: ISO, status: 'succeeded', exitCode: 0, durationMs: expect.any(Number), outputBytes: expect.any(Number), log: expect.any(String), excerpt: { head: 'hi', tail: '', omittedLines: 0 } }),
      expect.objectContaining({ id: 'check-that-it-said-hi', kind: 'manual', text: 'Check that it said hi', status: 'not-confirmed', reasonId: 'reason.manualNotConfirmed', data: {}, reason: 'not confirmed (non-interactive)' }),
    ]);
  });

  it('a failed run has an incident', () => {
    const report = json<Record<string, unknown>>(['report', runIds['JSON-FAIL'] as string]);
    expect(report).toMatchObject({ ...REPORT, status: 'failed', incident: { failedStep: 'boom', exitCode: 3, lastOutput: 'before', tried: [expect.objectContaining({ at: ISO, action: 'attempt', step: 'boom', attempt: 1, status: 'failed', exitCode: 3 })] } });
  });

  it('a dry run: environment, preflight and escalation', () => {
    const report = json<{ preflight: Record<string, unknown>[] }>(['report', runIds['SOP-002'] as string]);
    expect(report).toMatchObject({ ...REPORT, mode: 'dry-run', env: 'staging', runbook: { id: 'SOP-002' }, escalation: { contacts: expect.any(Array) } });
    for (const check of report.preflight) expect(check).toMatchObject({ at: ISO, check: expect.any(String), name: expect.any(String), status: expect.toBeOneOf(['passed', 'failed', 'warned', 'skipped']) });
  });

  it('no runs: exit 2, nothing on stdout, the error on stderr', () => {
    const result = runCli(['report', '--json', '--state-dir', tempDir('runbook-empty-')], { env });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toBe('');
    expectNoJson(result.stderr);
  });
});

describe('flags and edge cases', () => {
  it('--json with another --format is a usage error naming both', () => {
    const result = cli(['list', '--json', '--format', 'md']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/--json .*--format .*md/);
  });

  it('show --json lists alternative sections ("Opción A/B") with their steps, the first one first', () => {
    const file = join(tempDir('runbook-alternatives-'), 'disco.md');
    const fence = (cmd: string) => `\`\`\`bash\n${cmd}\n\`\`\`\n`;
    writeFileSync(file, `# Disco lleno\n\n## Comprobar\n\n${fence('df -h')}\n## Opción A: limpiar\n\n${fence('echo limpiar')}\n## Opción B: ampliar el disco\n\n${fence('echo ampliar')}\n## Cerrar\n\n${fence('echo listo')}`);
    const shown = json<{ alternatives: { options: { title: string; steps: string[]; section: number }[] }[]; flow: string[] }>(['show', file]);
    expect(shown.alternatives).toHaveLength(1);
    expect(shown.alternatives[0]?.options.map((o) => o.title)).toEqual(['Opción A: limpiar', 'Opción B: ampliar el disco']);
    for (const option of shown.alternatives[0]?.options ?? []) {
      expect(option.steps).toHaveLength(1);
      expect(shown.flow).toContain(option.steps[0]);
    }
    expect(json<{ alternatives: unknown[] }>(['show', 'RB-01']).alternatives).toEqual([]);
  });

  it('show --json masks the default of a secret param; show and graph print lint problems on stderr', () => {
    const file = join(tempDir('runbook-secret-'), 'secret.md');
    writeFileSync(file, '---\nid: SECRETO\ntitle: Secreto\nparams:\n  TOKEN:\n    secret: true\n    default: hunter2\n---\n# S\n\n```bash {timeout=nunca}\necho "$TOKEN"\n```\n');
    const shown = cli(['show', file, '--json']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).not.toContain('hunter2');
    expect(JSON.parse(shown.stdout).frontMatter.params.TOKEN).toMatchObject({ secret: true, default: '••••••' });
    expect(shown.stderr).toMatch(/secret\.md:11:10 {2}error {2}attribute-value {2}/);
    expect(cli(['graph', file]).stderr).toMatch(/attribute-value/);
  });

  it('runs prune --json lists what it removed', () => {
    const state = tempDir('runbook-prune-');
    const file = join(state, 'tiny.md');
    writeFileSync(file, TINY);
    expect(runCli(['play', file, '--yes', '--state-dir', state], { env }).code).toBe(0);
    const kept = runCli(['runs', 'prune', '--older-than', '1d', '--json', '--state-dir', state], { env });
    expect(JSON.parse(kept.stdout)).toEqual({ olderThan: '1d', pruned: [] });
    const gone = runCli(['runs', 'prune', '--older-than', '0s', '--json', '--state-dir', state], { env });
    expect(JSON.parse(gone.stdout)).toEqual({ olderThan: '0s', pruned: [expect.stringMatching(/-json-tiny-/)] });
    expect(JSON.parse(runCli(['runs', '--json', '--state-dir', state], { env }).stdout)).toEqual([]);
  });
});

describe('every read command', () => {
  it.each([['list'], ['show', 'RB-01'], ['graph', 'RB-01'], ['runs'], ['log'], ['report']])('%s: the JSON does not depend on --lang', (...args) => {
    expect(cli([...args, '--json', '--lang', 'es']).stdout).toBe(cli([...args, '--json', '--lang', 'en']).stdout);
  });
});
