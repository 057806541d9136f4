// Every label the screen, `show`, `runs` and the reports print goes through the catalogs (issue #19):
// a Spanish run says "Diario:", its alerts and automatic choices in Spanish, and "marcha atrás"
// (docs/glossary.md), never the English word or the journal's own id.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { en } from '../../engine/i18n/en.js';
import { es } from '../../engine/i18n/es.js';
import { cleanEnv, removeTempDirs, ROOT, runCli, tempDir } from '../lint/run-cli.js';

afterAll(removeTempDirs);

const labels = (lang: string) => JSON.parse(readFileSync(join(ROOT, 'templates', lang, 'labels.json'), 'utf8')) as Record<string, unknown>;
const keysOf = (value: unknown, prefix = ''): string[] =>
  typeof value === 'object' && value !== null ? Object.entries(value).flatMap(([k, v]) => keysOf(v, `${prefix}${k}.`)) : [prefix.slice(0, -1)];

describe('Spanish words', () => {
  it('the report labels have the same keys in both languages', () => {
    expect(keysOf(labels('es')).sort()).toEqual(keysOf(labels('en')).sort());
  });

  it('the Spanish catalog never says "journal" nor uses "rollback" outside parentheses or code (docs/glossary.md)', () => {
    for (const [key, text] of Object.entries(es)) {
      // `rollback` in backticks is the attribute's name, which is the same in every language
      const prose = text.replace(/`[^`]*`/g, '');
      expect(prose, key).not.toMatch(/\bjournal\b/i);
      expect(prose.replace(/\(rollback\)/g, ''), key).not.toMatch(/\brollback\b/i);
    }
    expect(Object.keys(es).filter((k) => k.startsWith('decision.')).length).toBe(Object.keys(en).filter((k) => k.startsWith('decision.')).length);
  });

  it('a rehearsed failure in Spanish: the journal line, the alerts, the automatic choices, the rollback, `runs`', () => {
    const env = cleanEnv({ RUNBOOK_STATE_DIR: tempDir('runbook-es-state-'), RUNBOOK_LOCK_DIR: tempDir('runbook-es-locks-'), NO_COLOR: '1' });
    const r = runCli(['play', 'RB-01', '--dry-run', '--yes', '--lang', 'es', '--fail-at', 'restore'], { env });
    const screen = `${r.stdout}${r.stderr}`;
    expect(r.code, screen).toBe(1);
    expect(screen).toMatch(/^Diario: \S+journal\.jsonl$/m);
    expect(screen).toContain('⛔ PRECAUCIÓN: A partir de aquí los datos actuales se pierden');
    expect(screen).toContain('• decisión automática (--yes): omitir — sin confirmar (modo no interactivo)');
    expect(screen).toContain('• decisión automática (--yes): marcha atrás — se había ejecutado un paso destructivo');
    expect(screen).toContain('⚠ Marcha atrás: 5 pasos');
    expect(screen).toContain('▶ R1/5 rollback-recreate-db [marcha atrás]');
    expect(screen).toContain('La ejecución falló y se hizo la MARCHA ATRÁS');
    for (const english of ['Journal:', 'CAUTION', ': skip —', ': rollback —', 'Rollback:', '[rollback]', 'ROLLBACK']) expect(screen).not.toContain(english);
    const runs = runCli(['runs', '--lang', 'es'], { env }).stdout;
    expect(runs).toMatch(/RB-01 +\S+ +staging +simulación +\S+ \S+ +\S+ +Fallido, con marcha atrás/);
    const report = runCli(['report', '--format', 'md', '--lang', 'es'], { env }).stdout;
    expect(report).toContain('| marcha atrás | `');
    expect(report).toContain('## Acciones de manejador y de marcha atrás');
    expect(report).not.toMatch(/\| rollback \|/);
  });

  it('severities in Spanish on the screen and in the report; JSON keeps the value', () => {
    const env = cleanEnv({ NO_COLOR: '1' });
    expect(runCli(['list', '--lang', 'es'], { env }).stdout).toMatch(/^INA-01 .* crítica +\d+/m);
    expect(runCli(['list', '--lang', 'es', '--format', 'md'], { env }).stdout).toMatch(/\| crítica \|/);
    expect(runCli(['show', 'INA-01', '--lang', 'es'], { env }).stdout).toMatch(/^Severidad: +crítica$/m);
    expect(runCli(['list', '--lang', 'es', '--format', 'json'], { env }).stdout).toContain('"severity": "critical"');
    const state = { RUNBOOK_STATE_DIR: tempDir('runbook-es-sev-'), RUNBOOK_LOCK_DIR: tempDir('runbook-es-sev-locks-') };
    expect(runCli(['play', 'INA-01', '--dry-run', '--yes', '--lang', 'es'], { env: cleanEnv({ NO_COLOR: '1', ...state }) }).code).toBe(0);
    const report = runCli(['report', '--format', 'md', '--lang', 'es'], { env: cleanEnv({ NO_COLOR: '1', ...state }) }).stdout;
    expect(report).toContain('(severidad crítica)');
  });

  it('`show` in Spanish: alerts in Spanish, long labels still apart from their values', () => {
    const out = runCli(['show', 'RB-01', '--lang', 'es'], { env: cleanEnv({ NO_COLOR: '1' }) }).stdout;
    expect(out).toContain('[PRECAUCIÓN] A partir de aquí los datos actuales se pierden');
    expect(out).toMatch(/^Indisponibilidad: 15m$/m);
    expect(out).toContain('Ruta de marcha atrás');
  });
});
