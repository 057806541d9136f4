/** End to end: the built CLI's read-only commands (list, show, lint, graph) against test/fixtures/format. */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ANSI, BIN, cleanEnv, removeTempDirs, ROOT, runCli, stackLines, tempDir } from '../lint/run-cli.js';

const DIR = ['--dir', 'test/fixtures/format'];
const TAG = ['--tag', 'fmt-fixture'];

afterAll(removeTempDirs);

describe('runbook list', () => {
  it('table: id, aliases, title, severity, steps, estimated', () => {
    const result = runCli(['list', ...DIR, ...TAG]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'ID      Aliases                          Title                                  Severity  Steps  Estimated',
        '------  -------------------------------  -------------------------------------  --------  -----  ---------',
        'FMT-01  restore-db-fixture, fmt-restore  Restaurar la base de datos de pedidos  high      10     15m',
        'FMT-02                                   Comprobar la salud del servicio        low       2      1m',
        'FMT-03  rotate-logs                      Rotar los registros                    medium    1      2m',
        '',
      ].join('\n'),
    );
  });

  it('finds runbooks recursively, loads plain Markdown, skips README.md and files with neither front matter nor steps', () => {
    const rows = JSON.parse(runCli(['list', ...DIR, '--json']).stdout) as { id: string; path: string }[];
    const mine = rows.filter((r) => r.path.startsWith('test/fixtures/format/')).map((r) => `${r.id} ${r.path}`);
    expect(mine).toEqual([
      'FMT-01 test/fixtures/format/restore-db.md',
      'FMT-02 test/fixtures/format/health-check.md',
      'FMT-03 test/fixtures/format/sub/rotate-logs.md',
      'plain-notes test/fixtures/format/plain-notes.md',
    ]);
  });

  it('md: the index table for runbooks/README.md, linking each file', () => {
    const result = runCli(['list', ...DIR, ...TAG, '--format', 'md']);
    expect(result.stdout.split('\n').slice(0, 3)).toEqual([
      '| ID | Aliases | Title | Severity | Steps | Estimated | Tags |',
      '|---|---|---|---|---|---|---|',
      '| [FMT-01](restore-db.md) | restore-db-fixture, fmt-restore | Restaurar la base de datos de pedidos | high | 10 | 15m | fmt-fixture, database |',
    ]);
    expect(result.stdout).toContain('| [FMT-03](sub/rotate-logs.md) |');
  });

  it('json with --tag (case-insensitive; repeated tags must all match)', () => {
    const result = runCli(['list', ...DIR, '--tag', 'LOGS', '--tag', 'FMT-Fixture', '--json']);
    expect(JSON.parse(result.stdout)).toEqual([
      { id: 'FMT-03', aliases: ['rotate-logs'], title: 'Rotar los registros', severity: 'medium', tags: ['fmt-fixture', 'logs'], steps: 1, estimated: '2m', path: 'test/fixtures/format/sub/rotate-logs.md' },
    ]);
    expect(JSON.parse(runCli(['list', ...DIR, ...TAG, '--tag', 'health', '--format', 'json']).stdout).map((r: { id: string }) => r.id)).toEqual(['FMT-02']);
    expect(JSON.parse(runCli(['list', ...DIR, '--tag', 'no-such-tag', '--json']).stdout)).toEqual([]);
  });

  it('caches parsed runbooks: a second run gives the same output and the cache holds files', () => {
    const env = cleanEnv();
    const first = runCli(['list', ...DIR, '--json'], { env });
    const files = readdirSync(env.RUNBOOK_CACHE_DIR as string, { recursive: true }).map(String).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    // Entries by content key (SHA-256), and the catalog's stat entry (FNV-1a 64 of the files' stat).
    for (const file of files) expect(file).toMatch(/^[0-9a-f]{2}[/\\]([0-9a-f]{64}|[0-9a-f]{16})\.json$/);
    const second = runCli(['list', ...DIR, '--json'], { env });
    expect(second).toEqual(first);
    const off = cleanEnv({ RUNBOOK_NO_CACHE: '1' });
    expect(runCli(['list', ...DIR, '--json'], { env: off }).stdout).toBe(first.stdout);
    expect(readdirSync(off.RUNBOOK_CACHE_DIR as string)).toEqual([]);
  });
});

describe('runbook show', () => {
  it('text: what an operator will meet, by id, alias or path', () => {
    const result = runCli(['show', 'fmt-01', ...DIR]);
    expect(result.code).toBe(0);
    const out = result.stdout;
    for (const expected of [
      'FMT-01 — Restaurar la base de datos de pedidos',
      'File:           test/fixtures/format/restore-db.md',
      '  production (protected): DB_HOST',
      '  BACKUP_FILE (required, pattern: [a-z0-9_-]+\\.dump) — Copia a restaurar',
      '  DB_PASSWORD (secret)',
      '  commands: psql, pg_restore',
      '  [warning] Nadie más está restaurando',
      '10 steps',
      '  § Parar el backend',
      '    [WARNING] A partir de aquí hay corte de servicio.',
      '    2. stop-backend  [⚠ destructive · timeout 2m 00s · runs if test "$STATUS" != DOWN · on failure: force-stop]',
      '    3. restore  [⚠ destructive · timeout 10m 00s · in /var/backups]',
      "       $ psql -d pedidos -c \\\n           'select count(*) from pedidos'",
      '    9. avisar-en-incidencias-de-que-el  [manual]',
      'On-failure handlers\n    1. force-stop',
      'Rollback path\n    1. restore-previous  [timeout 2m 00s]',
    ]) {
      expect(out).toContain(expected);
    }
    expect(runCli(['show', 'fmt-restore', ...DIR]).stdout).toBe(out);
    expect(runCli(['show', 'test/fixtures/format/restore-db.md']).stdout).toBe(out);
  });

  it('--json: the model with the execution order', () => {
    const json = JSON.parse(runCli(['show', 'FMT-01', ...DIR, '--json']).stdout);
    expect(json).toMatchObject({ id: 'FMT-01', path: 'test/fixtures/format/restore-db.md', handlers: ['force-stop'], rollback: ['restore-previous', 'restart-after-rollback'] });
    expect(json.flow).toEqual([
      'check-status', 'stop-backend', 'restore', 'restaurar', 'start-backend', 'wait-healthy', 'read-token', 'psql-session',
      'avisar-en-incidencias-de-que-el', 'actualizar-el-ticket',
    ]);
    expect(json.steps[0]).toMatchObject({ id: 'check-status', capture: 'STATUS', retry: 2, delayMs: 5000, timeoutMs: 10_000, expect: { mode: 'contains', text: 'UP' } });
  });

  it('plain Markdown without front matter shows with its file-name id', () => {
    const result = runCli(['show', 'plain-notes', ...DIR]);
    expect(result.stdout).toContain('plain-notes — Reiniciar nginx');
    expect(result.stdout).toContain('    1. reiniciar-nginx\n       Runbook sin front matter, como los de otros proyectos.\n       $ sudo systemctl restart nginx');
  });
});

describe('runbook lint and graph', () => {
  it('lint: the format fixtures are clean', () => {
    const result = runCli(['lint', 'test/fixtures/format']);
    // Only `info` lines: the transcripts read and the unmarked `systemctl kill` of restore-db.md.
    expect(result.stdout.split('\n').filter((l) => l !== '').map((l) => l.split('  ').slice(1, 3).join(' '))).toEqual(['info prompts-read', 'info risk-inferred', 'info prompts-read']);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '✓ 4 files, no problems\n' });
  });

  it('graph: Mermaid by default', () => {
    const result = runCli(['graph', 'FMT-01', ...DIR]);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').slice(0, 3)).toEqual(['flowchart TD', '  s0["check-status"]', '  s1{{"⚠? stop-backend"}}']);
    expect(result.stdout).toContain('  s1 -. on-failure .-> s12\n');
    expect(result.stdout).toContain('  subgraph rollback [rollback]\n    s10["restore-previous"]\n    s11["restart-after-rollback"]\n  end\n');
  });

  it('graph: DOT and JSON', () => {
    const dot = runCli(['graph', 'rotate-logs', ...DIR, '--format', 'dot']);
    expect(dot.stdout).toBe('digraph "FMT-03" {\n  rankdir=TB;\n  node [shape=box, fontname="sans-serif"];\n  "rotate" [label="rotate"];\n}\n');
    const json = JSON.parse(runCli(['graph', 'FMT-02', ...DIR, '--format', 'json']).stdout);
    expect(json).toEqual({
      id: 'FMT-02',
      flow: ['comprobar-la-salud-del-servicio', 'comprobar-la-salud-del-servicio-2'],
      handlers: [],
      rollback: [],
      nodes: [
        { id: 'comprobar-la-salud-del-servicio', kind: 'command', line: 11, destructive: false, rollback: false },
        { id: 'comprobar-la-salud-del-servicio-2', kind: 'command', line: 16, destructive: false, rollback: false },
      ],
      edges: [{ from: 'comprobar-la-salud-del-servicio', to: 'comprobar-la-salud-del-servicio-2', kind: 'needs' }],
    });
  });
});

describe('help, version and mistakes', () => {
  it.each(['list', 'show', 'lint', 'graph'])('%s --help', (command) => {
    const result = runCli([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Usage: runbook ${command}`));
    expect(result.stdout).toContain('--help');
    expect(runCli(['help', command]).stdout).toBe(result.stdout);
  });

  it('--help and --version', () => {
    const help = runCli(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['list', 'show', 'lint', 'graph']) expect(help.stdout).toMatch(new RegExp(`^  ${command} +\\S`, 'm'));
    const version = runCli(['--version']);
    const { version: expected } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    // The version first, then how it was installed: this checkout is a clone.
    expect(version).toEqual({ code: 0, stdout: `${expected} (clone: ${resolve(ROOT)})\n`, stderr: '' });
  });

  it('an unknown command suggests the closest one (exit 2)', () => {
    const result = runCli(['lnt']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('error: unknown command "lnt". Did you mean "lint"?\nRun `runbook --help` for usage.\n');
  });

  it('an unknown ref suggests the closest id or alias (exit 2)', () => {
    const result = runCli(['show', 'FMT-0l', ...DIR]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: no runbook with id, alias or path "FMT-0l"\. Did you mean "FMT-0\d"\?\n$/);
    const alias = runCli(['graph', 'rotate-log', ...DIR]);
    expect(alias.code).toBe(2);
    expect(alias.stderr).toContain('Did you mean "rotate-logs"?');
    expect(stackLines(result.stderr + alias.stderr)).toEqual([]);
  });

  it('a missing ref or file is exit 2 with a clear message', () => {
    expect(runCli(['show'])).toMatchObject({ code: 2, stderr: expect.stringContaining('`runbook show` needs a runbook') });
    expect(runCli(['graph', 'no/such/file.md'])).toMatchObject({ code: 2, stderr: 'error: no/such/file.md does not exist\n' });
  });
});

describe('colour', () => {
  const commands = [['list', ...DIR], ['show', 'FMT-01', ...DIR], ['lint', 'test/fixtures/broken/cycle.md'], ['graph', 'FMT-01', ...DIR]];

  it.each(commands)('non-TTY output has no ANSI escapes (%s)', (...args) => {
    const result = runCli(args);
    expect(result.stdout).not.toMatch(ANSI);
    expect(result.stderr).not.toMatch(ANSI);
  });

  /** Runs the CLI in a pseudo-terminal (util-linux `script`), where colour is on unless turned off. */
  const inTerminal = (args: string[], extra: NodeJS.ProcessEnv = {}) => {
    const command = [process.execPath, BIN, ...args].map((w) => `'${w}'`).join(' ');
    const result = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: ROOT, env: { ...cleanEnv(extra), TERM: 'xterm' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return result.stdout;
  };

  it('a terminal gets colour; NO_COLOR and --no-color take it away', () => {
    const args = ['lint', join('test/fixtures/broken', 'cycle.md')];
    expect(inTerminal(args)).toMatch(ANSI);
    expect(inTerminal(args, { NO_COLOR: '1' })).not.toMatch(ANSI);
    expect(inTerminal([...args, '--no-color'])).not.toMatch(ANSI);
    expect(inTerminal(args, { NO_COLOR: '1' })).toContain('test/fixtures/broken/cycle.md:3:16  error  cycle');
  });
});

describe('hermetic runs', () => {
  it('works from any directory with an absolute --dir', () => {
    const result = runCli(['list', '--dir', join(ROOT, 'test/fixtures/format'), ...TAG, '--json'], { cwd: tempDir() });
    expect(JSON.parse(result.stdout).map((r: { id: string }) => r.id)).toEqual(['FMT-01', 'FMT-02', 'FMT-03']);
  });
});
