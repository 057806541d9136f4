// True failure facts, from journals the engine wrote (test/fixtures/runs/facts): an expected-output
// mismatch, a signal, a timeout and an interruption each in its own words, in the report (Markdown,
// HTML, JSON), in `runbook log` and in its JSON; interrupted steps in their own section; the state the
// run left behind; `runbook runs` newest first with ISO dates.
import { describe, expect, it } from 'vitest';
import { failureKind } from '../../engine/i18n/failure.js';
import { renderReport } from '../../engine/report/render.js';
import { loadReportModel } from '../../engine/report/write-reports.js';
import { FACTS_STATE, factRunDir } from '../fixtures/runs/runs.js';
import { cleanEnv, runCli } from '../lint/run-cli.js';

const facts = async (lang: 'es' | 'en') => (await loadReportModel(factRunDir('failure-facts'), lang)).model;
const env = cleanEnv({ TZ: 'UTC' });

describe('failure kinds', () => {
  it('tell a mismatch, an exit code, a timeout, a signal, an interruption and a shell that never started apart', () => {
    expect(failureKind({ status: 'failed', exitCode: 0, signal: null, durationMs: 5 })).toBe('expect-mismatch');
    expect(failureKind({ status: 'failed', exitCode: 3, signal: null, durationMs: 5 })).toBe('exit-code');
    // A timeout ends with SIGTERM to the group: it is a timeout, not "signal SIGTERM".
    expect(failureKind({ status: 'failed', exitCode: null, signal: 'SIGTERM', timedOut: true, durationMs: 5 })).toBe('timeout');
    expect(failureKind({ status: 'timed-out', exitCode: null, signal: 'SIGTERM', durationMs: 5 })).toBe('timeout');
    expect(failureKind({ status: 'failed', exitCode: null, signal: 'SIGKILL', durationMs: 5 })).toBe('signal');
    expect(failureKind({ status: 'interrupted', exitCode: null, signal: 'SIGINT', durationMs: 5 })).toBe('interrupted');
    expect(failureKind({ status: 'failed', exitCode: null, signal: null, durationMs: 0, reasonKey: 'reason.cwdMissing' })).toBe('not-started');
    expect(failureKind({ status: 'succeeded', exitCode: 0, durationMs: 5 })).toBeUndefined();
  });
});

describe('the report of a run with every kind of failure', () => {
  it('words each failure as what happened, in Spanish and English', async () => {
    const es = renderReport(await facts('es'), 'md', { lang: 'es', timeZone: 'UTC' });
    expect(es).toContain('- Resultado: **fallido** — terminó con código 0 tras 287ms, pero su salida no coincidió con la salida esperada');
    expect(es).toContain('- Resultado: **fallido** — detenido por la señal SIGKILL tras 401ms');
    expect(es).toContain('- Resultado: **fallido** — superó su tiempo límite tras 2.1s (se detuvo su grupo de procesos)');
    expect(es).not.toContain('**fallido** · código de salida 0');
    expect(es).not.toMatch(/señal SIGTERM/);
    expect(es).toContain('| fallido (salida distinta de la esperada) |');
    expect(es).toContain('**Qué falló:** el paso `migrate` superó su tiempo límite tras 2.1s');
    const en = renderReport(await facts('en'), 'md', { lang: 'en', timeZone: 'UTC' });
    expect(en).toContain('- Result: **failed** — exited 0 after 287ms, but its output did not match the expected output');
    expect(en).toContain('- Result: **failed** — killed by signal SIGKILL after 401ms');
    expect(en).toContain('- Result: **failed** — timed out after 2.1s (its process group was stopped)');
  });

  it('shows a clean diff: no ===== line', async () => {
    const model = await facts('es');
    expect(model.steps.find((s) => s.id === 'check-status')?.expectDiff).toMatch(/^=+$/m); // the journal keeps it as written
    const md = renderReport(model, 'md', { lang: 'es', timeZone: 'UTC' });
    const diff = md.slice(md.indexOf('```diff'), md.indexOf('```', md.indexOf('```diff') + 7));
    expect(diff).toContain('-estado: OK\n+estado: DEGRADADO\n conexiones: 3');
    expect(diff).not.toMatch(/^=+$/m);
    expect(renderReport(model, 'html', { lang: 'es', timeZone: 'UTC' })).not.toMatch(/<span class="[a-z]+">=+<\/span>/);
  });

  it('says what the run left behind: services stopped, a change not rolled back, a check not run', async () => {
    const model = await facts('en');
    expect(model.leftBehind?.items.map((i) => `${i.kind}:${i.step}`)).toEqual(['stopped:stop-services', 'changed:worker-crash', 'unverified:verify']);
    const en = renderReport(model, 'md', { lang: 'en', timeZone: 'UTC' });
    expect(en).toContain('## State left behind\n\nWhat the journal says, as the run ended:\n\n- stop-services stopped services (docker compose stop); start-services, which starts them again, did not run\n- worker-crash made a destructive change that was not rolled back\n- verify did not run: what it checks is unverified\n');
    const es = renderReport(await facts('es'), 'html', { lang: 'es', timeZone: 'UTC' });
    expect(es).toContain('<li class="left-stopped">stop-services detuvo servicios (docker compose stop); start-services, que los vuelve a iniciar, no se ejecutó</li>');
  });

  it('gives the JSON the same facts in every language (kind, exit code, signal, duration)', async () => {
    const es = await facts('es');
    const en = await facts('en');
    expect(es.steps.map((s) => s.failure?.kind ?? null)).toEqual([null, 'expect-mismatch', 'signal', 'timeout']);
    expect(JSON.stringify(es.steps.map((s) => s.failure))).toBe(JSON.stringify(en.steps.map((s) => s.failure)));
    expect(es.leftBehind).toEqual(en.leftBehind);
  });
});

describe('an interrupted step', () => {
  it('has its own section and is not told as what failed', async () => {
    const model = (await loadReportModel(factRunDir('interrupted'), 'es')).model;
    expect(model.incident?.failedStep).toBeUndefined();
    expect(model.incident?.interruptedStep).toBe('reindex');
    const md = renderReport(model, 'md', { lang: 'es', timeZone: 'UTC' });
    expect(md).toContain('## Pasos interrumpidos');
    expect(md).toMatch(/- 11:49:11 — `reindex`: detenido tras 1\.\ds antes de terminar \(Ctrl\+C, una señal o el motor detenido\)/);
    expect(md).toContain('**Qué falló:** ningún paso falló; el paso `reindex` fue interrumpido (ver *Pasos interrumpidos*).');
    expect(md).toContain('- verify-index no se ejecutó: lo que verifica queda sin verificar');
  });
});

describe('runbook log and runbook runs', () => {
  it('log: the failure in its own words, with its kind in the JSON, and an Environment column', () => {
    const table = runCli(['log', '--state-dir', FACTS_STATE, '--lang', 'en'], { env });
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Date +Activity +Environment +Operator +Result +Observations$/);
    expect(lines[2]).toContain('migrate timed out after 2.1s (its process group was stopped)');
    expect(lines[3]).toContain('reindex stopped after 1.');
    expect(table.stdout).not.toContain('exit code —');
    const rows = JSON.parse(runCli(['log', '--json', '--state-dir', FACTS_STATE], { env }).stdout) as { failure: { kind: string; step: string } | null }[];
    expect(rows.map((r) => r.failure && `${r.failure.step}:${r.failure.kind}`)).toEqual(['migrate:timeout', 'reindex:interrupted']);
  });

  it('runs: newest first, dates in ISO form in both languages', () => {
    for (const lang of ['es', 'en']) {
      const out = runCli(['runs', '--state-dir', FACTS_STATE, '--lang', lang], { env }).stdout.trimEnd().split('\n');
      expect(out[2]).toMatch(/^20261201T114911Z-facts-02-\S+ +FACTS-02 .* 2026-12-01 11:49 /);
      expect(out[3]).toMatch(/^20261201T114854Z-facts-01-\S+ +FACTS-01 .* 2026-12-01 11:48 /);
    }
    const rows = JSON.parse(runCli(['runs', '--json', '--state-dir', FACTS_STATE], { env }).stdout) as { runbook: string }[];
    expect(rows.map((r) => r.runbook)).toEqual(['FACTS-02', 'FACTS-01']);
  });
});
