// Timing and memory helpers for the benchmarks: wall time of a whole command
// (median of several runs) and its peak RSS.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs `argv` once; returns seconds and peak RSS in MB (when /usr/bin/time is there). */
export function runOnce(argv, options = {}) {
  const started = process.hrtime.bigint();
  const useTime = TIME && options.rss;
  const cmd = useTime ? [TIME, '-f', '__RSS_KB=%M', ...argv] : argv;
  const result = spawnSync(cmd[0], cmd.slice(1), { stdio: ['ignore', options.stdout ?? 'ignore', 'pipe'], env: { ...process.env, ...options.env }, cwd: options.cwd, maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0 && !options.allowFail) {
    throw new Error(`${argv.join(' ')} exited ${result.status}: ${String(result.stderr).slice(-2000)}`);
  }
  const rss = /__RSS_KB=(\d+)/.exec(String(result.stderr ?? ''));
  return { seconds, rssMb: rss ? Number(rss[1]) / 1024 : undefined };
}

/** Median wall time (and max RSS) over `runs` runs after `warmup` unmeasured ones. */
export function measure(argv, { runs = 7, warmup = 1, ...options } = {}) {
  for (let i = 0; i < warmup; i++) runOnce(argv, options);
  const samples = Array.from({ length: runs }, () => runOnce(argv, options));
  const rss = samples.map((s) => s.rssMb).filter((v) => v !== undefined);
  return { seconds: median(samples.map((s) => s.seconds)), rssMb: rss.length ? Math.max(...rss) : undefined };
}
