/**
 * The commands about runs (play, resume, runs, report, log), loaded together
 * and only by them: they share most of their code, and what it needs at
 * start-up (`node:crypto` for run ids, `node:child_process` and `node:net`
 * for steps) is no part of `list`, `show` or `lint` (docs/benchmarks.md,
 * "Fewer chunks").
 */
export * as play from './play.js';
export * as resume from './resume.js';
export * as runs from './runs.js';
export * as report from './report.js';
export * as log from './log.js';
