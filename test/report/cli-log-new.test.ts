// End to end: `runbook log` (the bitácora, every format) against a copy of the run fixtures,
// and `runbook new` writing a runbook that `runbook lint --strict` accepts.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, removeTempDirs, runCli, stackLines, tempDir } from '../lint/run-cli.js';
import { copyState } from '../fixtures/runs/runs.js';

const state = copyState('runbook-cli-log-');
afterAll(() => {
  rmSync(state, { recursive: true, force: true });
  removeTempDirs();
});
const env = cleanEnv({ TZ: 'America/Guayaquil' });
const log = (...args: string[]) => runCli(['log', '--state-dir', state, ...args], { env });

describe('runbook log', () => {
  it('prints the bitácora as a table: Fecha · Actividad · Entorno · Responsable · Resultado · Observaciones, in local time', () => {
    const result = log('--lang', 'es');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Fecha +Actividad +Entorno +Responsable +Resultado +Observaciones$/);
    expect(lines.slice(2).map((l) => l.split(/ {2,}/).slice(0, 5))).toEqual([
      ['2026-11-16 09:05', 'SOP-002 — Reinicio de servicio backend', 'staging', 'maria.g', 'Exitoso'],
      ['2026-11-18 10:30', 'RB-02 — Rotación de secretos (simulación)', 'staging', 'pedro.t', 'Exitoso'],
      ['2026-11-19 22:12', 'RB-01 — Restaurar base de datos', 'production', 'ana.r', 'Fallido, con marcha atrás'],
      ['2026-11-21 17:40', 'SOP-003 — Respaldo manual de emergencia', 'production', 'luis.m', 'Exitoso'],
      ['2026-11-22 04:15', 'TKA-07 — API No Responde', 'production', 'jorge.p', 'Abortado'],
    ]);
    expect(lines[4]).toContain('Usuarios avisados por Slack (#pawpaw-soporte) a las 22:13; restore: falló con código de salida 3 tras 2.3s; el rollback se completó; se cumplió el plazo de escalamiento');
    expect(lines[6]).toContain('wait-api-health: falló con código de salida 1 (error general) tras 3m 00s: sigue fallando tras 12 comprobaciones; abortado por el operador');
  });

  it('--format md is a Markdown table ready for the manual, with notes escaped', () => {
    const result = log('--format', 'md', '--lang', 'es', '--since', '2026-11-21');
    expect(result.stdout).toBe(
      [
        '| Fecha | Actividad | Entorno | Responsable | Resultado | Observaciones |',
        '|---|---|---|---|---|---|',
        '| 2026-11-21 17:40 | SOP-003 — Respaldo manual de emergencia | production | luis.m | Exitoso | Anotado en el ticket CHG-2291. La primera sesión se cortó (VPN) durante el volcado.; reanudada tras una caída del motor |',
        '| 2026-11-22 04:15 | TKA-07 — API No Responde | production | jorge.p | Abortado | Pool de conexiones agotado (HikariPool-1) según los logs; Postgres responde; wait-api-health: falló con código de salida 1 (error general) tras 3m 00s: sigue fallando tras 12 comprobaciones; abortado por el operador; se cumplió el plazo de escalamiento |',
        '',
      ].join('\n'),
    );
  });

  it('--format csv quotes fields with commas and quotes', () => {
    const lines = log('--format', 'csv').stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Date,Activity,Environment,Operator,Result,Observations');
    expect(lines[3]).toBe('2026-11-19 22:12,RB-01 — Restaurar base de datos,production,ana.r,"Failed, rolled back",Usuarios avisados por Slack (#pawpaw-soporte) a las 22:13; restore failed with exit code 3 after 2.3s; el rollback se completó; escalation time reached');
    expect(lines).toHaveLength(6);
  });

  it('--json gives the rows as data, and --runbook takes an id or an alias', () => {
    const rows = JSON.parse(log('--json', '--runbook', 'restore-db').stdout) as { runId: string; status: string; failure: unknown; escalated: boolean }[];
    expect(rows).toEqual([expect.objectContaining({ runId: '20261120T031200Z-rb-01-3f9a', status: 'rolled-back', failure: { step: 'restore', timedOut: false, kind: 'exit-code', exitCode: 3, signal: null, durationMs: 2310, reasonId: null, data: null, reason: null }, escalated: true })]);
    expect(JSON.parse(log('--format', 'json', '--runbook', 'sop-002').stdout)).toHaveLength(1);
  });

  it('--since takes a date or an age; anything else is a usage error naming the flag', () => {
    expect(JSON.parse(log('--json', '--since', '2026-11-20').stdout)).toHaveLength(2);
    expect(JSON.parse(log('--json', '--since', '100000d').stdout)).toHaveLength(5);
    const bad = log('--since', 'ayer');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('invalid --since "ayer", expected a date like 2026-11-01 or an age like 7d');
    expect(stackLines(bad.stderr)).toEqual([]);
  });

  it('says when the log is empty (on stderr, exit 0)', () => {
    const result = runCli(['log', '--state-dir', tempDir()], { env });
    expect(result).toEqual({ code: 0, stdout: '', stderr: 'The maintenance log is empty.\n' });
  });
});

describe('runbook new', () => {
  it('writes runbooks/<slug>.md that lints clean with --strict, in the interface language', () => {
    const cwd = tempDir();
    const created = runCli(['new', 'restore-cache', '--id', 'RB-04', '--title', 'Restaurar: la caché "Redis"', '--lang', 'es'], { cwd, env });
    expect(created.code).toBe(0);
    const file = join(cwd, 'runbooks', 'restore-cache.md');
    expect(created.stdout).toContain(`Creado ${file}`);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^---\nid: RB-04\ntitle: 'Restaurar: la caché "Redis"'\naliases: \[restore-cache\]\n/);
    expect(text).toContain('```bash { id=apply-change destructive }');
    expect(text).toContain('```text {expect}');
    expect(text).toContain('```bash { id=restore-backup rollback }');
    const lint = runCli(['lint', '--strict', file], { cwd, env });
    expect(lint.stderr + lint.stdout).toContain('1 file, no problems');
    expect(lint.code).toBe(0);
    const show = JSON.parse(runCli(['show', file, '--json'], { cwd, env }).stdout) as { title: string };
    expect(show.title).toBe('Restaurar: la caché "Redis"');
  });

  it('writes the English template with --lang en into --dir', () => {
    const cwd = tempDir();
    expect(runCli(['new', 'rotate-certs', '--dir', 'ops', '--lang', 'en'], { cwd, env }).code).toBe(0);
    const file = join(cwd, 'ops', 'rotate-certs.md');
    expect(readFileSync(file, 'utf8')).toMatch(/^---\nid: ROTATE-CERTS\ntitle: Rotate certs\n[\s\S]*\nlang: en\n/);
    expect(runCli(['lint', '--strict', file], { cwd, env }).code).toBe(0);
  });

  it('refuses to overwrite a file, a bad slug and a missing slug (exit 2)', () => {
    const cwd = tempDir();
    expect(runCli(['new', 'demo'], { cwd, env }).code).toBe(0);
    const before = readFileSync(join(cwd, 'runbooks', 'demo.md'), 'utf8');
    const again = runCli(['new', 'demo', '--title', 'Otro'], { cwd, env });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`${join(cwd, 'runbooks', 'demo.md')} already exists; it was not touched`);
    expect(readFileSync(join(cwd, 'runbooks', 'demo.md'), 'utf8')).toBe(before);
    const slug = runCli(['new', 'Restore_Cache'], { cwd, env });
    expect(slug.code).toBe(2);
    expect(slug.stderr).toContain('invalid slug "Restore_Cache", expected lower-case words joined by dashes');
    expect(runCli(['new'], { cwd, env }).code).toBe(2);
  });
});
