// The HTML report rendered by a real browser (Debian's Chromium, headless) at 1280 px: the DOM has
// the mode banner, the drawn timeline, the timeline table and the report's sections, and no text
// overflows its table cell or its table (measured in the page by a probe script: scrollWidth against
// clientWidth); screenshots are kept in test-artifacts/ for a person to look at. Without Chromium
// the tests are skipped, saying why (.ci/system-deps installs it).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writeReports } from '../../engine/report/write-reports.js';
import { copyState, FACT_RUNS, FACTS_STATE, RUNS } from '../fixtures/runs/runs.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');
const state = copyState('runbook-chromium-');
const factsState = mkdtempSync(join(tmpdir(), 'runbook-chromium-facts-'));
cpSync(FACTS_STATE, factsState, { recursive: true });
const WIDTH = 1280;
// Chromium is slow to start on a loaded machine: each test gets minutes, never a speed it must reach.
const installed = existsSync(CHROMIUM);
if (!installed) console.warn(`skipping the HTML report in Chromium: ${CHROMIUM} is not installed (apt-get install -y chromium; .ci/system-deps installs it)`);
const profiles = mkdtempSync(join(tmpdir(), 'runbook-chromium-profile-'));
afterAll(() => {
  rmSync(state, { recursive: true, force: true });
  rmSync(factsState, { recursive: true, force: true });
  rmSync(profiles, { recursive: true, force: true });
});

function chromium(args: string[]) {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: run \`apt-get install -y chromium\` (.ci/system-deps installs it)`);
  const profile = mkdtempSync(join(profiles, 'p-'));
  const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`];
  const result = spawnSync(CHROMIUM, [...flags, ...args], { encoding: 'utf8', timeout: 90_000, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return result;
}

async function report(run: keyof typeof RUNS, lang: 'es' | 'en'): Promise<string> {
  const { html } = await writeReports(join(state, 'runs', RUNS[run]), { lang, timeZone: 'America/Guayaquil' });
  return pathToFileURL(html).href;
}

/**
 * Measures, in the rendered page, every table cell whose content is wider than the cell and every
 * table wider than its container; the result is written into the DOM, which --dump-dom prints.
 */
const PROBE = `<script>
addEventListener('load', () => {
  const over = [];
  for (const el of document.querySelectorAll('td, th')) {
    if (el.scrollWidth > el.clientWidth + 1) over.push({ what: 'cell', text: el.textContent.slice(0, 80), scrollWidth: el.scrollWidth, clientWidth: el.clientWidth });
  }
  for (const t of document.querySelectorAll('table')) {
    const box = t.parentElement.clientWidth;
    if (t.offsetWidth > box + 1) over.push({ what: 'table', text: t.id || t.parentElement.id, scrollWidth: t.offsetWidth, clientWidth: box });
  }
  const out = document.createElement('pre');
  out.id = 'overflow-probe';
  out.textContent = JSON.stringify({ width: innerWidth, page: document.documentElement.scrollWidth, over });
  document.body.append(out);
});
</script>`;

interface Probe {
  width: number;
  page: number;
  over: { what: string; text: string; scrollWidth: number; clientWidth: number }[];
}

function isProbe(value: unknown): value is Probe {
  return typeof value === 'object' && value !== null && 'width' in value && 'page' in value && 'over' in value && Array.isArray(value.over);
}

/** The report with the probe added (a copy next to it), rendered at WIDTH px: what overflows. */
function measure(htmlFile: string, extra = ''): { dom: string; probe: Probe } {
  const probeFile = htmlFile.replace(/\.html$/, '.probe.html');
  writeFileSync(probeFile, readFileSync(htmlFile, 'utf8').replace('</body>', `${extra}${PROBE}</body>`));
  const result = chromium(['--dump-dom', `--window-size=${WIDTH},2000`, pathToFileURL(probeFile).href]);
  expect(result.status, result.stderr).toBe(0);
  const m = /<pre id="overflow-probe">([^<]*)<\/pre>/.exec(result.stdout);
  expect(m, 'the probe script ran').not.toBeNull();
  const parsed: unknown = JSON.parse((m?.[1] ?? '{}').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
  if (!isProbe(parsed)) throw new Error(`unexpected probe output: ${m?.[1] ?? ''}`);
  return { dom: result.stdout, probe: parsed };
}

async function reportFile(dir: string, lang: 'es' | 'en'): Promise<string> {
  return (await writeReports(dir, { lang, timeZone: 'America/Guayaquil' })).html;
}

describe.skipIf(!installed)('HTML report at 1280 px: sections, and no text wider than its table', { timeout: 240_000 }, () => {
  it.each([
    ['rolled-back', 'es', join(state, 'runs', RUNS['rolled-back'])],
    ['aborted', 'en', join(state, 'runs', RUNS.aborted)],
    ['succeeded', 'es', join(state, 'runs', RUNS.succeeded)],
    ['failure-facts', 'es', join(factsState, 'runs', FACT_RUNS['failure-facts'])],
    ['interrupted', 'en', join(factsState, 'runs', FACT_RUNS.interrupted)],
  ] as const)('%s (%s)', async (name, lang, dir) => {
    const { dom, probe } = measure(await reportFile(dir, lang));
    expect(probe.width).toBe(WIDTH);
    expect(probe.over).toEqual([]);
    expect(probe.page).toBeLessThanOrEqual(WIDTH);
    for (const id of ['mode', 'result', 'summary', 'timeline-section', 'timeline', 'steps']) expect(dom, id).toContain(`id="${id}"`);
    if (name !== 'succeeded') {
      expect(dom).toContain('id="left-behind"');
      expect(dom).toContain('id="escalation"');
    }
    if (name === 'interrupted') expect(dom).toContain('<section id="interrupted">');
    if (name === 'rolled-back') expect(dom).toMatch(/<section id="decisions">[\s\S]*<pre class="command"><code>case backups/);
    if (name === 'failure-facts') expect(dom).toContain('<li class="left-stopped">stop-services detuvo servicios (docker compose stop)');
  });

  it('the probe finds a cell whose text is wider than the cell, and a long unbroken word does not overflow a shipped table', async () => {
    const html = await reportFile(join(state, 'runs', RUNS.succeeded), 'en');
    const word = 'x'.repeat(400);
    const wide = measure(html, `<table id="control-nowrap"><tr><th>a</th><td style="white-space: nowrap; overflow: hidden; max-width: 100px">${word}</td></tr></table>`);
    expect(wide.probe.over).toEqual([expect.objectContaining({ what: 'cell', text: word.slice(0, 80) })]);
    // The same unbroken word as a command in the timeline and as a decision's detail (a long path or URL) wraps.
    const rows = `<script>
document.querySelector('#timeline').insertRow().innerHTML = '<td>22:00:00</td><td>s</td><td>flow</td><td><code>${word}</code> ${word}</td><td>ok</td><td>1s</td>';
document.querySelector('#decisions table').insertRow().innerHTML = '<td>22:00:00</td><td>s</td><td>skip</td><td>${word}</td>';
</script>`;
    const wraps = measure(html, rows);
    expect(wraps.dom).toContain(`<td>${word}</td>`);
    expect(wraps.probe.over).toEqual([]);
  });
});

describe.skipIf(!installed)('HTML report in headless Chromium', { timeout: 240_000 }, () => {
  it('renders a failed run with rollback: REAL banner, timeline chart and table, escalation package', async () => {
    const url = await report('rolled-back', 'es');
    const dom = chromium(['--dump-dom', url]);
    expect(dom.status, dom.stderr).toBe(0);
    expect(dom.stdout).toContain('<div class="banner real" id="mode" role="note">EJECUCIÓN REAL — entorno production (protegido)</div>');
    expect(dom.stdout).toMatch(/<figure class="chart" id="timeline-chart"[\s\S]*class="bar status-failed phase-flow"[\s\S]*class="bar status-succeeded phase-rollback"/);
    expect(dom.stdout).toMatch(/<table id="timeline">[\s\S]*rollback-restore-safety[\s\S]*<\/table>/);
    expect(dom.stdout).toContain('<h2>Escalamiento (para el ticket)</h2>');
    mkdirSync(ARTIFACTS, { recursive: true });
    const png = join(ARTIFACTS, 'report.png');
    rmSync(png, { force: true });
    const shot = chromium([`--screenshot=${png}`, `--window-size=${WIDTH},2000`, url]);
    expect(shot.status, shot.stderr).toBe(0);
    expect(statSync(png).size).toBeGreaterThan(20_000);
  });

  it('renders a dry run with its DRY RUN banner and the timeline table', async () => {
    const url = await report('dry-run', 'en');
    const dom = chromium(['--dump-dom', url]);
    expect(dom.status, dom.stderr).toBe(0);
    expect(dom.stdout).toContain('<div class="banner dry" id="mode" role="note">DRY RUN — no command was executed</div>');
    expect(dom.stdout).toMatch(/<table id="timeline">[\s\S]*alter-db-password[\s\S]*dry run/);
    const png = join(ARTIFACTS, 'report-dry-run.png');
    rmSync(png, { force: true });
    const shot = chromium([`--screenshot=${png}`, `--window-size=${WIDTH},2000`, url]);
    expect(shot.status, shot.stderr).toBe(0);
    expect(statSync(png).size).toBeGreaterThan(20_000);
  });
});
