// The HTML report rendered by a real browser (Debian's Chromium, headless): the DOM has the
// mode banner, the drawn timeline and the timeline table; screenshots are kept in
// test-artifacts/ for a person to look at. Without Chromium this fails and says how to install it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writeReports } from '../../engine/report/write-reports.js';
import { copyState, RUNS } from '../fixtures/runs/runs.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');
const state = copyState('runbook-chromium-');
const profiles = mkdtempSync(join(tmpdir(), 'runbook-chromium-profile-'));
afterAll(() => {
  rmSync(state, { recursive: true, force: true });
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

describe('HTML report in headless Chromium', () => {
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
    const shot = chromium([`--screenshot=${png}`, '--window-size=1200,2000', url]);
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
    const shot = chromium([`--screenshot=${png}`, '--window-size=1200,2000', url]);
    expect(shot.status, shot.stderr).toBe(0);
    expect(statSync(png).size).toBeGreaterThan(20_000);
  });
});
