/** Running the CLI against the lab, and the table of runbook results the tier prints and keeps. */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'dist', 'engine', 'cli', 'bin.js');
export const stateDir = join(root, 'test-artifacts', 'lab-state');

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** `runbook ARGS` as a child process (async, so long runs do not block the worker). */
export function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', RUNBOOK_LANG: 'en', RUNBOOK_STATE_DIR: stateDir, RUNBOOK_LOCK_DIR: join(stateDir, 'locks'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ status: code ?? 1, stdout, stderr, ms: Date.now() - started }));
  });
}

export function play(id: string, extra: string[] = []): Promise<CliResult> {
  return cli(['play', id, '--env', 'lab', '--yes', '--allow-destructive', ...extra]);
}

export interface Row {
  runbook: string;
  system: string;
  purpose: string;
  result: string;
  ms: number;
}

export const rows: Row[] = [];

export function table(): string {
  const lines = ['| runbook | system | what | result | time |', '|---|---|---|---|---|'];
  for (const r of rows) lines.push(`| ${r.runbook} | ${r.system} | ${r.purpose} | ${r.result} | ${(r.ms / 1000).toFixed(1)} s |`);
  return lines.join('\n');
}

export function keepTable(file = 'lab-table.md'): void {
  mkdirSync(join(root, 'test-artifacts'), { recursive: true });
  writeFileSync(join(root, 'test-artifacts', file), `${table()}\n`);
  process.stdout.write(`\n${table()}\n`);
}

/** A fault's check against the lab, polled until it passes or `ms` is over: Docker's health checks need a few intervals to see a repair. */
export async function repairedWithin(check: () => Promise<string | undefined>, ms: number): Promise<string | undefined> {
  const until = Date.now() + ms;
  let problem = await check();
  while (problem !== undefined && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 3000));
    problem = await check();
  }
  return problem;
}

/** A row of the table: `passed` when the run exited as expected. */
export function result(status: number, expected = 0): string {
  if (status !== expected) return `FAILED (exit ${status})`;
  return expected === 0 ? 'passed' : `exit ${status}, rolled back`;
}
