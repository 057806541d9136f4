// Golden reports: Markdown (Spanish in Guayaquil time, English in UTC) and JSON for a
// successful run, a failed run with rollback, a dry run, a resumed run and an aborted run.
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../engine/report/render.js';
import { loadReportModel } from '../../engine/report/write-reports.js';
import { fixtureRunDir, RUNS, type RunName } from '../fixtures/runs/runs.js';

describe('report goldens', () => {
  for (const name of Object.keys(RUNS) as RunName[]) {
    it(`${name}: Markdown (es, en) and JSON`, async () => {
      const es = (await loadReportModel(fixtureRunDir(name), 'es')).model;
      const en = (await loadReportModel(fixtureRunDir(name), 'en')).model;
      await expect(renderReport(es, 'md', { lang: 'es', timeZone: 'America/Guayaquil' })).toMatchFileSnapshot(`goldens/${name}.es.md`);
      await expect(renderReport(en, 'md', { lang: 'en', timeZone: 'UTC' })).toMatchFileSnapshot(`goldens/${name}.en.md`);
      await expect(renderReport(es, 'json', { lang: 'es' })).toMatchFileSnapshot(`goldens/${name}.json`);
    });
  }
});
