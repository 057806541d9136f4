// Golden reports: Markdown (Spanish in Guayaquil time, English in UTC) and JSON for a
// successful run, a failed run with rollback, a dry run, a resumed run and an aborted run (journals
// from before schema 2), and two schema-2 runs the engine wrote: every kind of failure (expected-output
// mismatch, signal, timeout) with services left stopped, and a step interrupted by Ctrl+C.
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../engine/report/render.js';
import { loadReportModel } from '../../engine/report/write-reports.js';
import { FACT_RUNS, factRunDir, fixtureRunDir, RUNS, type FactRunName, type RunName } from '../fixtures/runs/runs.js';

const dirs: [string, string][] = [
  ...(Object.keys(RUNS) as RunName[]).map((name): [string, string] => [name, fixtureRunDir(name)]),
  ...(Object.keys(FACT_RUNS) as FactRunName[]).map((name): [string, string] => [name, factRunDir(name)]),
];

describe('report goldens', () => {
  for (const [name, dir] of dirs) {
    it(`${name}: Markdown (es, en) and JSON`, async () => {
      const es = (await loadReportModel(dir, 'es')).model;
      const en = (await loadReportModel(dir, 'en')).model;
      await expect(renderReport(es, 'md', { lang: 'es', timeZone: 'America/Guayaquil' })).toMatchFileSnapshot(`goldens/${name}.es.md`);
      await expect(renderReport(en, 'md', { lang: 'en', timeZone: 'UTC' })).toMatchFileSnapshot(`goldens/${name}.en.md`);
      await expect(renderReport(es, 'json', { lang: 'es' })).toMatchFileSnapshot(`goldens/${name}.json`);
    });
  }
});
