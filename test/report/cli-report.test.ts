// End to end: `runbook report` with the built CLI against a copy of the run fixtures.
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, removeTempDirs, runCli, stackLines, tempDir } from '../lint/run-cli.js';
import { copyState, RUNS } from '../fixtures/runs/runs.js';

const state = copyState('runbook-cli-report-');
afterAll(() => {
  rmSync(state, { recursive: true, force: true });
  removeTempDirs();
});
const env = cleanEnv({ TZ: 'America/Guayaquil' });
const report = (args: string[], options: { cwd?: string } = {}) => runCli(['report', '--state-dir', state, ...args], { env, ...options });
const runDir = (id: string) => join(state, 'runs', id);

describe('runbook report', () => {
  it('without a run id rewrites report.md and report.html of the latest run (mode 0600) and prints their paths', () => {
    const result = report([]);
    expect(result.code).toBe(0);
    const dir = runDir(RUNS.aborted);
    expect(result.stdout).toBe(`Report: ${join(dir, 'report.md')} · ${join(dir, 'report.html')}\n`);
    expect(statSync(join(dir, 'report.md')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'report.html')).mode & 0o777).toBe(0o600);
    // the runbook is in Spanish: so is its report, whatever the interface language
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toMatch(/^# Informe de incidente — TKA-07 API No Responde\n/);
    expect(result.stderr).toBe('');
  });

  it('--format md prints the report to stdout, in English with --lang en', () => {
    const result = report([RUNS['rolled-back'], '--format', 'md', '--lang', 'en']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^# Incident report — RB-01 Restaurar base de datos\n\n> \[!CAUTION\]\n> \*\*REAL RUN\*\*/);
    expect(result.stdout).toContain('| Started | 2026-11-19 22:12:00 (America/Guayaquil) |');
  });

  it('--json prints the report model', () => {
    const result = report([RUNS.resumed, '--json']);
    const model = JSON.parse(result.stdout) as { status: string; resumed: { operator: string }[] };
    expect(model.status).toBe('succeeded');
    expect(model.resumed.map((r) => r.operator)).toEqual(['carla.v']);
  });

  it('--format html --out FILE writes one file and prints its path; a unique prefix of a run id is enough', () => {
    const cwd = tempDir();
    const result = report(['20261118', '--format', 'html', '--out', 'informe.html'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`Report written: ${join(cwd, 'informe.html')}\n`);
    expect(readFileSync(join(cwd, 'informe.html'), 'utf8')).toContain('<div class="banner dry" id="mode" role="note">SIMULACIÓN (DRY RUN)');
    expect(readdirSync(cwd)).toEqual(['informe.html']);
  });

  it('--template FILE renders with the user template of that format', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'ticket.md.eta'), '<%= it.model.runbook.id %>: <%= it.t("result", it.model.status) %> — <%= it.model.incident.failedStep %>\n');
    const result = report([RUNS.aborted, '--template', 'ticket.md.eta'], { cwd });
    expect(result.stdout).toBe('TKA-07: ABORTADO — wait-api-health\n');
    const bad = report([RUNS.aborted, '--template', 'ticket.txt'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('cannot tell the format of the template ticket.txt');
  });

  it('an unknown run id is an error (exit 2) that suggests the closest one', () => {
    const result = report(['20261120T031200Z-rb-01-3f9b']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`no run "20261120T031200Z-rb-01-3f9b" in ${state}. Did you mean "20261120T031200Z-rb-01-3f9a"?`);
    expect(stackLines(result.stderr)).toEqual([]);
  });

  it('with no runs at all it says so (exit 2)', () => {
    const result = runCli(['report', '--state-dir', tempDir()], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: no runs found in /);
  });
});
