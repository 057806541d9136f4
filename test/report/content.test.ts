// What a reader of the report must find: the mode, local times, each step's facts, handler
// and rollback actions, decisions and notes, resumptions, and the escalation package.
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportModel } from '../../engine/report/model.js';
import { renderReport } from '../../engine/report/render.js';
import { loadReportModel } from '../../engine/report/write-reports.js';
import { copyState, fixtureRunDir, RUNS, type RunName } from '../fixtures/runs/runs.js';

const models = new Map(await Promise.all((Object.keys(RUNS) as RunName[]).map(async (name) => [name, (await loadReportModel(fixtureRunDir(name), 'es')).model] as const)));
const model = (name: RunName): ReportModel => models.get(name) as ReportModel;
const md = (name: RunName, lang: 'es' | 'en' = 'es', timeZone = 'UTC') => renderReport(model(name), 'md', { lang, timeZone });
const html = (name: RunName, lang: 'es' | 'en' = 'es') => renderReport(model(name), 'html', { lang, timeZone: 'UTC' });

describe('mode banner', () => {
  it('puts DRY RUN or REAL at the very top of every format and language', () => {
    expect(md('dry-run').split('\n').slice(0, 5).join('\n')).toContain('**SIMULACIÓN (DRY RUN)**');
    expect(md('dry-run', 'en').split('\n').slice(0, 5).join('\n')).toContain('**DRY RUN**');
    expect(md('rolled-back').split('\n').slice(0, 5).join('\n')).toContain('**EJECUCIÓN REAL** en el entorno **production** (protegido)');
    expect(html('dry-run', 'en')).toMatch(/<body class="dry" data-watermark="DRY RUN">\s*<header>\s*<div class="banner dry" id="mode" role="note">DRY RUN — no command was executed<\/div>/);
    expect(html('succeeded')).toMatch(/<body class="real">\s*<header>\s*<div class="banner real" id="mode" role="note">EJECUCIÓN REAL — entorno staging<\/div>/);
  });

  it('does not draw a time chart for a dry run, and says why', () => {
    expect(md('dry-run')).not.toContain('```mermaid');
    expect(html('dry-run')).toContain('Simulación: ningún paso se ejecutó');
  });
});

describe('times', () => {
  it('shows journal times (UTC) in the time zone it is given, as ISO dates', () => {
    // RB-01 started 03:12:00 UTC on 20 Nov: 22:12:00 on 19 Nov in Guayaquil (UTC-5).
    expect(md('rolled-back', 'es', 'America/Guayaquil')).toContain('| Inicio | 2026-11-19 22:12:00 (America/Guayaquil) |');
    // ISO form, the same in every language.
    expect(md('rolled-back', 'en', 'UTC')).toContain('| Started | 2026-11-20 03:12:00 (UTC) |');
    expect(md('rolled-back', 'es', 'America/Guayaquil')).toContain('restore :crit, 2026-11-19 22:15:32, 2026-11-19 22:22:24');
  });
});

describe('steps', () => {
  it('gives each attempt its command, exit code, duration and output, with head and tail of long output', () => {
    const text = md('rolled-back');
    expect(text).toContain('### restore (intento 2)');
    expect(text).toContain('- Resultado: **fallido** — falló con código de salida 3 tras 6m 53s');
    expect(text).toContain('- Resultado: **correcto** · código de salida 0 · duración 10.4s');
    expect(text).toContain('<details><summary>Salida (1194 bytes · registro completo: steps/006-restore.1.log)</summary>');
    expect(text).toContain('[… 10 líneas omitidas …]');
    expect(text).toContain('psql:<stdin>:48213: ERROR:  COPY from stdin failed: unexpected EOF in the middle of data');
  });

  it('shows the expected-output diff of a step whose expect block failed', () => {
    expect(md('succeeded')).toMatch(/Salida esperada frente a la obtenida:\n\n```diff\n[\s\S]*-Started INATraceBackendApplication\n\+[^\n]*Tomcat started/);
    expect(html('succeeded')).toContain('<span class="del">-Started INATraceBackendApplication</span>');
  });

  it('names manual steps by their text and steps by their section, from the source in the journal', () => {
    const text = md('succeeded');
    expect(text).toContain('Paso manual: Documentar el reinicio en la bitácora');
    expect(text).toContain('Sección: *Revisar los logs*');
  });
});

describe('decisions, notes, handler and rollback actions', () => {
  it('lists every decision and note', () => {
    const text = md('rolled-back');
    // The edited command has three lines: the table points to it, shown below as a block.
    expect(text).toContain('| 03:23:40 | restore | editar y reintentar | comando editado (3 líneas, abajo) |');
    expect(text).toContain('### Comandos editados\n\n03:23:40 — `restore` (editar y reintentar):\n\n```bash\ncase backups/backup_2026-11-18.sql.gz in *.gz) reader="gunzip -c" ;; *) reader="cat" ;; esac\n$reader backups/backup_2026-11-18.sql.gz \\\n  | docker exec');
    expect(text).toContain('| 03:12:09 | — | continuar | El respaldo comprimido es íntegro |');
    expect(text).toContain('| 03:42:30 | restore | marcha atrás |  |');
    expect(text).toContain('- 03:13:36 — stop-services: Usuarios avisados por Slack (#pawpaw-soporte) a las 22:13');
    expect(model('rolled-back').decisions).toHaveLength(13);
  });

  it('lists the handler and rollback actions with their results', () => {
    expect(md('rolled-back', 'en')).toContain('## Handler and rollback actions\n\n- 03:42:35 — rollback `rollback-recreate-db`: **succeeded** · exit code 0');
    expect(md('aborted', 'en')).toContain('- 09:20:01 — handler `rollback-previous-version`: **failed** — failed with exit code 1 (general error) after 4.1s');
  });

  it('tells who resumed a crashed run and which step was interrupted', () => {
    expect(md('resumed')).toContain('reanudada por carla.v en inatrace-ops tras una caída del motor (la última línea del diario estaba incompleta y se descartó); el paso `dump` estaba en curso.');
    expect(model('resumed').steps.map((s) => `${s.id}#${s.attempt}:${s.status}`).slice(0, 2)).toEqual(['dump#1:interrupted', 'dump#2:succeeded']);
  });
});

describe('escalation', () => {
  it('has a section ready for the ticket when a run failed: what failed, what was tried, the last output', () => {
    const text = md('rolled-back', 'es', 'America/Guayaquil');
    const section = text.slice(text.indexOf('## Escalamiento (para el ticket)'));
    expect(section).toContain('**Qué falló:** el paso `restore` falló con código de salida 3 tras 2.3s.');
    expect(section).toContain('1. 22:15:32 — intento 1 de `restore`: fallido — falló con código de salida 3 tras 6m 53s');
    expect(section).toContain('3. 22:23:40 — intento 2 de `restore`: fallido — falló con código de salida 3 tras 2.3s');
    expect(section).toContain('4. 22:42:35 — marcha atrás `rollback-recreate-db`: correcto · código de salida 0');
    expect(section).toContain('- Contactos: Equipo de desarrollo Paw Paw');
    expect(section).toMatch(/\*\*Última salida\*\* \(steps\/007-restore\.2\.log\):\n\n```text\n[\s\S]*role "pawpaw_app" does not exist\n```/);
  });

  it('says what the operator aborted after the handler failed', () => {
    const section = md('aborted', 'en').split('## Escalation (for the ticket)')[1] ?? '';
    // The engine's reason is in the model's language (Spanish); how the step failed is worded by the template's.
    expect(section).toContain('**What failed:** step `wait-api-health` failed with exit code 1 (general error) after 3m 00s — sigue fallando tras 12 comprobaciones.');
    expect(section).toContain('2. 09:20:01 — handler `rollback-previous-version`: failed — failed with exit code 1 (general error) after 4.1s');
    expect(section).toContain('3. 09:31:00 — abort `wait-api-health`');
  });

  it('notes when the run stayed open past its escalation time, and has no ticket section for a run that succeeded', () => {
    expect(md('aborted', 'en')).toContain('The run was still open when its escalation time (15m) was reached, at 09:30:05.');
    expect(md('succeeded')).not.toContain('Escalamiento (para el ticket)');
    expect(model('succeeded').incident).toBeUndefined();
  });
});

describe('runs that did not finish', () => {
  it('reports a run whose journal ends in a torn line as unfinished, with how to resume it', async () => {
    const state = copyState('runbook-report-torn-');
    try {
      const dir = join(state, 'runs', RUNS.aborted);
      const file = join(dir, 'journal.jsonl');
      const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
      writeFileSync(file, `${lines.slice(0, -3).join('\n')}\n`);
      appendFileSync(file, '{"seq":71,"at":"2026-11-22T09:31:00.0'); // kill -9 in the middle of an append
      const text = renderReport((await loadReportModel(dir, 'es')).model, 'md', { lang: 'es', timeZone: 'UTC' });
      expect(text).toContain('| Resultado | **SIN TERMINAR** |');
      expect(text).toContain(`\`runbook resume ${RUNS.aborted}\` la continúa.`);
      expect(text).not.toContain('## Escalamiento (para el ticket)');
    } finally {
      rmSync(state, { recursive: true, force: true });
    }
  });
});
