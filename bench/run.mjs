// `npm run bench`: start-up, per-step overhead, output streaming and lint
// throughput, each against its physical limit and (for steps) zx, as ratios.
// Options: --quick (fewer runs, 256 MiB output) for a smoke run. The release rows (artifact
// sizes, start-up of the single executable) need `npm run release` first. Run it from a terminal:
// zx without a controlling terminal (under `setsid`) was 24–29× slower (docs/benchmarks.md).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bigOutput, realisticRunbooks, trivialSteps } from './generate.mjs';
import { measure, median, runOnce } from './measure.mjs';

const quick = process.argv.includes('--quick');
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'dist/engine/cli/bin.js');
const zx = join(root, 'node_modules/.bin/zx');
const work = mkdtempSync(join(tmpdir(), 'runbook-bench-'));
const env = { RUNBOOK_STATE_DIR: join(work, 'state'), RUNBOOK_CACHE_DIR: join(work, 'cache'), RUNBOOK_LOCK_DIR: join(work, 'locks'), NO_COLOR: '1', RUNBOOK_LANG: 'en' };
const runs = quick ? 3 : 7;
const rows = [];
const row = (benchmark, value, baseline, ratio, target, ok) => rows.push({ benchmark, value, baseline, ratio, target, ok: ok ? 'yes' : 'NO' });
const fmt = (s) => `${(s * 1000).toFixed(0)} ms`;
/** Median seconds of each command, run in turns (one run of each per round) after one warm-up each. */
function interleaved(commands, rounds, options) {
  const samples = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (const argv of Object.values(commands)) runOnce(argv, options);
  for (let i = 0; i < rounds; i++) for (const [k, argv] of Object.entries(commands)) samples[k].push(runOnce(argv, options).seconds);
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
}
/** Waits for generated files to reach the disk, so their write-back is not measured as engine time. */
const settle = () => spawnSync('sync');

try {
  // 1. Start-up, each command in turns with `node -e 0` (a load that changes during the bench hits both alike)
  const starts = interleaved({ node: ['node', '-e', '0'], version: ['node', bin, '--version'], list: ['node', bin, 'list'], show: ['node', bin, 'show', 'RB-01'] }, runs * 2, { env, cwd: work });
  for (const [label, key, limit] of [
    ['runbook --version', 'version', 1.15],
    ['runbook list (warm cache)', 'list', 1.8],
    ['runbook show RB-01', 'show', undefined],
  ]) {
    const ratio = starts[key] / starts.node;
    row(`start-up: ${label}`, fmt(starts[key]), `node -e 0: ${fmt(starts.node)}`, `${ratio.toFixed(2)}×`, limit ? `≤ ${limit}×` : '—', limit ? ratio <= limit : true);
  }

  // 2. Steps against zx on the same file: a fresh state dir each run (the bench's state dir is shared, and each run makes its own run dir), no TTY
  const one = join(work, 'steps1.md');
  const steps = join(work, 'steps200.md');
  trivialSteps(one, 1);
  trivialSteps(steps, 200);
  settle();
  const plays = interleaved({ play1: ['node', bin, 'play', one, '--yes'], zx1: [zx, one], play200: ['node', bin, 'play', steps, '--yes'], zx200: [zx, steps] }, runs, { env, cwd: work });
  row('play --yes, 1 step', fmt(plays.play1), `zx: ${fmt(plays.zx1)}`, `${(plays.play1 / plays.zx1).toFixed(2)}×`, '≤ 1.0×', plays.play1 <= plays.zx1);
  row('play --yes, 200 steps', fmt(plays.play200), `zx: ${fmt(plays.zx200)}`, `${(plays.play200 / plays.zx200).toFixed(2)}×`, '≤ 0.8×', plays.play200 <= 0.8 * plays.zx200);
  // Per step: the engine's cost of one more step, against one bare child_process.spawn of the same shell (bench/spawn-floor.mjs).
  const floor = median(Array.from({ length: quick ? 3 : 5 }, () => JSON.parse(String(spawnSync('node', [join(root, 'bench/spawn-floor.mjs'), '200'], { encoding: 'utf8' }).stdout)).msPerSpawn));
  const engineStep = ((plays.play200 - plays.play1) / 199) * 1000;
  row('per-step cost over a bare spawn', `${(engineStep - floor).toFixed(2)} ms`, `spawn: ${floor.toFixed(2)} ms; engine: ${engineStep.toFixed(2)} ms/step`, '', '≤ 1.5 ms', engineStep - floor <= 1.5);

  // 2b. Scale: a 5,000-step run costs the same per step as a 200-step run (nothing per step grows with the run)
  const small = measure(['node', bin, 'play', steps, '--yes'], { runs: 1, env, cwd: work, rss: true });
  const many = join(work, 'steps5000.md');
  trivialSteps(many, 5000);
  settle();
  // Its parse is not part of the per-step time: one unmeasured dry run fills the parse cache, as the warm-up does for 200 steps.
  runOnce(['node', bin, 'play', many, '--dry-run', '--yes'], { env, cwd: work });
  const large = measure(['node', bin, 'play', many, '--yes'], { runs: 1, warmup: 0, env, cwd: work, rss: true });
  const perStep = (m, n) => (m.seconds / n) * 1000;
  const growth = perStep(large, 5000) / perStep(small, 200);
  row('5,000-step run: time per step', `${perStep(large, 5000).toFixed(2)} ms`, `200 steps: ${perStep(small, 200).toFixed(2)} ms`, `${growth.toFixed(2)}×`, '≤ 1.2×', growth <= 1.2);
  const rssRatio = large.rssMb && small.rssMb ? large.rssMb / small.rssMb : undefined;
  row('5,000-step run: peak RSS', large.rssMb ? `${large.rssMb.toFixed(0)} MB` : 'n/a', small.rssMb ? `200 steps: ${small.rssMb.toFixed(0)} MB` : '', rssRatio ? `${rssRatio.toFixed(2)}×` : '', '≤ 1.5×', rssRatio !== undefined && rssRatio <= 1.5);
  // The report (md + html) of that run, rewritten by `runbook report RUN_ID`.
  const runsDir = join(env.RUNBOOK_STATE_DIR, 'runs');
  const bigRun = readdirSync(runsDir).filter((d) => d.includes('steps5000')).sort().pop();
  if (bigRun) {
    const report = measure(['node', bin, 'report', bigRun], { runs: 3, env, cwd: work, rss: true });
    row('report md + html, 5,000 steps', fmt(report.seconds), report.rssMb ? `peak RSS ${report.rssMb.toFixed(0)} MB` : '', '', '≤ 1 s', report.seconds <= 1);
  }

  // 3. Output streaming: masked (a secret param makes the masker look at every byte) and logged
  const bytes = quick ? 256 * 1024 * 1024 : 1024 * 1024 * 1024;
  const big = join(work, 'big.md');
  bigOutput(big, bytes);
  settle();
  const cat = measure(['bash', '-c', `head -c ${bytes} /dev/zero | cat > /dev/null`], { runs: 3 });
  const stream = measure(['node', bin, 'play', big, '--yes', '-p', 'TOKEN=s3cr3t-value-0123'], { runs: 3, env, cwd: work, rss: true });
  const mbps = bytes / 1e6 / stream.seconds;
  const catRatio = cat.seconds / stream.seconds;
  row(`output ${bytes / 2 ** 20} MiB, masked + logged`, `${mbps.toFixed(0)} MB/s`, `cat: ${(bytes / 1e6 / cat.seconds).toFixed(0)} MB/s`, `${catRatio.toFixed(2)}× of cat`, '≥ 0.6×', catRatio >= 0.6);
  row(`output ${bytes / 2 ** 20} MiB: peak RSS`, stream.rssMb ? `${stream.rssMb.toFixed(0)} MB` : 'n/a', '', '', '≤ 150 MB', (stream.rssMb ?? 0) <= 150);

  // 4. Lint throughput: 1,000 realistic runbooks
  const corpus = join(work, 'corpus');
  realisticRunbooks(corpus, 1000);
  settle();
  // Cold means no parse cache (RUNBOOK_NO_CACHE=1), so a warm-up run is fair: it fills only the OS file cache.
  const cold = measure(['node', bin, 'lint', corpus], { runs: 3, warmup: 1, env: { ...env, RUNBOOK_NO_CACHE: '1' }, cwd: work, rss: true });
  measure(['node', bin, 'lint', corpus], { runs: 1, warmup: 0, env, cwd: work });
  const warm = measure(['node', bin, 'lint', corpus], { runs: 3, warmup: 0, env, cwd: work, rss: true });
  row('lint 1,000 files: cold', `${(1000 / cold.seconds).toFixed(0)} files/s`, fmt(cold.seconds), '', '≥ 400 files/s', 1000 / cold.seconds >= 400);
  row('lint 1,000 files: warm (cache)', `${(1000 / warm.seconds).toFixed(0)} files/s`, fmt(warm.seconds), '', '≥ 3,000 files/s', 1000 / warm.seconds >= 3000);
  // Markdown parse throughput, in one process (bench/parse.mjs), over the same 1,000 files.
  const parse = JSON.parse(String(spawnSync('node', [join(root, 'bench/parse.mjs'), ...readdirSync(corpus).map((f) => join(corpus, f))], { encoding: 'utf8', maxBuffer: 1 << 20 }).stdout));
  row('Markdown parse throughput', `${parse.mbps.toFixed(2)} MB/s`, `${(parse.bytes / 1e6).toFixed(1)} MB in ${fmt(parse.ms / 1000)}`, '', '≥ 2 MB/s', parse.mbps >= 2);
  row('lint 1,000 files: peak RSS', `${Math.max(cold.rssMb ?? 0, warm.rssMb ?? 0).toFixed(0)} MB`, '', '', '—', true);

  // 5. Release artifacts (issue 18), when `npm run release` has built them
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const tarball = join(root, `release/runbook-${version}.tgz`);
  const exe = join(root, `release/runbook-${version}-${process.platform}-${process.arch}`);
  if (!existsSync(tarball) || !existsSync(exe)) {
    console.error(`no release/ artifacts of ${version}: run \`npm run release\` first for the release rows`);
  } else {
    const mib = (file) => `${(statSync(file).size / 2 ** 20).toFixed(1)} MiB`;
    row('release: tarball size', mib(tarball), '', '', '—', true);
    row('release: executable size', mib(exe), `node: ${mib(process.execPath)}`, '', '—', true);
    // The first run unpacks the embedded package into the cache; every later run starts from there.
    const firsts = Array.from({ length: 3 }, (_, i) => runOnce([exe, '--version'], { env: { ...env, RUNBOOK_CACHE_DIR: join(work, `sea-first-${i}`) }, cwd: work }).seconds);
    // Measured in turns with their own `node -e 0` and `node bin.js`, so a load that changes during the bench hits all alike.
    const turns = interleaved({ node: ['node', '-e', '0'], binVersion: ['node', bin, '--version'], exeVersion: [exe, '--version'], binList: ['node', bin, 'list'], exeList: [exe, 'list'] }, runs * 2, { env, cwd: work });
    row('executable: first run (unpack)', fmt(median(firsts)), `node -e 0: ${fmt(turns.node)}`, `${(median(firsts) / turns.node).toFixed(2)}×`, '—', true);
    for (const [label, key, viaNode, limit] of [
      ['executable --version', 'exeVersion', 'binVersion', 1.3],
      ['executable list', 'exeList', 'binList', 2.5],
    ]) {
      const ratio = turns[key] / turns.node;
      row(`start-up: ${label}`, fmt(turns[key]), `node -e 0: ${fmt(turns.node)}; node bin.js: ${fmt(turns[viaNode])}`, `${ratio.toFixed(2)}×`, `≤ ${limit}×`, ratio <= limit);
    }
  }
  // 6. Lint scale: 5,000 and 50,000 front matter keys (linear: 10× the keys, about 10× the time)
  const keys = (n) => {
    const file = join(work, `keys${n}.md`);
    writeFileSync(file, `---\nid: KEYS\ntitle: Keys\n${Array.from({ length: n }, (_, i) => `k${i}: v`).join('\n')}\n---\n# Keys\n\n\`\`\`bash\ntrue\n\`\`\`\n`);
    return measure(['node', bin, 'lint', file], { runs: 3, env: { ...env, RUNBOOK_NO_CACHE: '1' }, cwd: work, allowFail: true });
  };
  const k5 = keys(5000);
  const k50 = keys(50000);
  const keyGrowth = (k50.seconds - starts.node) / Math.max(k5.seconds - starts.node, 1e-3);
  row('lint 50,000 front matter keys', fmt(k50.seconds), `5,000 keys: ${fmt(k5.seconds)}`, `${keyGrowth.toFixed(1)}× for 10× the keys`, '≤ 15×', keyGrowth <= 15);
  // 7. Issue 16's scale: a runbook of 22,000 steps is linted (cold: no parse cache) and dry-run played
  // "well under a minute", and played for real (--quick projects the play from the 5,000-step run).
  const huge = join(work, 'steps22000.md');
  trivialSteps(huge, 22000);
  settle();
  const hugeLint = measure(['node', bin, 'lint', huge], { runs: 1, warmup: 0, rss: true, env: { ...env, RUNBOOK_NO_CACHE: '1' }, cwd: work, allowFail: true });
  row('22,000 steps: lint (cold)', fmt(hugeLint.seconds), hugeLint.rssMb ? `peak RSS ${hugeLint.rssMb.toFixed(0)} MB` : '', '', '≤ 30 s', hugeLint.seconds <= 30);
  const hugeDry = measure(['node', bin, 'play', huge, '--dry-run', '--yes'], { runs: 1, warmup: 0, rss: true, env, cwd: work, allowFail: true });
  row('22,000 steps: play --dry-run', fmt(hugeDry.seconds), hugeDry.rssMb ? `peak RSS ${hugeDry.rssMb.toFixed(0)} MB` : '', '', '≤ 30 s', hugeDry.seconds <= 30);
  // The dry run filled the parse cache (and the syntax verdicts): a second lint reads them.
  const hugeWarm = measure(['node', bin, 'lint', huge], { runs: 1, warmup: 0, rss: true, env, cwd: work, allowFail: true });
  row('22,000 steps: lint (warm cache)', fmt(hugeWarm.seconds), hugeWarm.rssMb ? `peak RSS ${hugeWarm.rssMb.toFixed(0)} MB` : '', '', '—', true);
  if (quick) {
    const projected = (22000 * perStep(large, 5000)) / 1000;
    row('22,000 steps: play --yes (projected)', `${projected.toFixed(0)} s`, `${perStep(large, 5000).toFixed(2)} ms/step × 22,000`, '', '< 60 s', projected < 60);
  } else {
    // A real run: a fresh run folder, one sync per finished step, both reports written (the dry run above filled the parse cache).
    const hugePlay = measure(['node', bin, 'play', huge, '--yes'], { runs: 1, warmup: 0, rss: true, env, cwd: work });
    const rss = hugePlay.rssMb ? `peak RSS ${hugePlay.rssMb.toFixed(0)} MB; ` : '';
    row('22,000 steps: play --yes', `${hugePlay.seconds.toFixed(1)} s`, `${rss}${perStep(hugePlay, 22000).toFixed(2)} ms/step`, '', '< 60 s', hugePlay.seconds < 60);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const cols = ['benchmark', 'value', 'baseline', 'ratio', 'target', 'ok'];
const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
console.log(line(cols));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(cols.map((c) => r[c])));
console.log(`\nmedian of ${runs} runs (3 for output and lint); node ${process.version}; ${new Date().toISOString()}`);
