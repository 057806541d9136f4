// The HTML report renders in a real headless browser (Debian's Chromium):
// the DOM has the mode banner and the timeline, and a screenshot is kept in
// test-artifacts/ for a person to look at.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeReports } from '../../engine/report/write-reports.js';
import { dryRun, rolledBackRun } from '../fixtures/runs/journals.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const work = mkdtempSync(join(tmpdir(), 'runbook-chromium-'));
const artifacts = join(import.meta.dirname, '..', '..', 'test-artifacts');
afterAll(() => rmSync(work, { recursive: true, force: true }));

function chromium(args: string[]) {
  if (!CHROMIUM) throw new Error('Chromium is not installed: `apt-get install chromium` (.ci/system-deps installs it)');
  const profile = mkdtempSync(join(work, 'profile-'));
  const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`];
  return spawnSync(CHROMIUM, [...flags, ...args], { encoding: 'utf8', timeout: 60_000, maxBuffer: 32 * 1024 * 1024 });
}

describe('HTML report in headless Chromium', () => {
  it('renders a failed run with rollback: banner, timeline chart and table, escalation', async () => {
    const dir = rolledBackRun(join(work, 'rolled-back'));
    const { html } = await writeReports(dir, { lang: 'es', timeZone: 'UTC' });
    const dom = chromium(['--dump-dom', `file://${html}`]);
    expect(dom.status, dom.stderr).toBe(0);
    expect(dom.stdout).toContain('id="mode">EJECUCIÓN REAL');
    expect(dom.stdout).toMatch(/<div class="chart" id="timeline-chart">[\s\S]*class="bar failed"/);
    expect(dom.stdout).toMatch(/<table id="timeline">[\s\S]*restore-safety-backup/);
    expect(dom.stdout).toContain('Escalamiento (para el ticket)');
    mkdirSync(artifacts, { recursive: true });
    const png = join(artifacts, 'report-rolled-back.png');
    const shot = chromium([`--screenshot=${png}`, '--window-size=1200,1800', `file://${html}`]);
    expect(shot.status, shot.stderr).toBe(0);
    expect(statSync(png).size).toBeGreaterThan(10_000);
  });

  it('renders a dry run with its DRY RUN banner', async () => {
    const dir = dryRun(join(work, 'dry'));
    const { html } = await writeReports(dir, { lang: 'en', timeZone: 'UTC' });
    const dom = chromium(['--dump-dom', `file://${html}`]);
    expect(dom.status, dom.stderr).toBe(0);
    expect(dom.stdout).toContain('class="banner dry" id="mode">DRY RUN');
    const shot = chromium([`--screenshot=${join(artifacts, 'report-dry-run.png')}`, '--window-size=1200,1400', `file://${html}`]);
    expect(shot.status, shot.stderr).toBe(0);
  });
});
