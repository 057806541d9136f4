/**
 * Spawns the built CLI (`node dist/engine/cli/bin.js`, built by `npm test`
 * before vitest runs) with a hermetic environment: its own parse cache, the
 * English interface, no colour variables inherited.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'dist/engine/cli/bin.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const created: string[] = [];

/** A fresh temporary folder, removed by `removeTempDirs` (call it in `afterAll`). */
export function tempDir(prefix = 'runbook-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['NO_COLOR', 'FORCE_COLOR', 'RUNBOOK_PATH', 'RUNBOOK_NO_CACHE', 'LANG', 'LC_ALL', 'LC_MESSAGES']) delete env[key];
  return { ...env, RUNBOOK_LANG: 'en', RUNBOOK_CACHE_DIR: tempDir('runbook-cache-'), ...extra };
}

let shared: NodeJS.ProcessEnv | undefined;

/**
 * Runs the built CLI. Without `env`, every call of a test file shares one clean environment and
 * one parse cache: only the first call parses the shipped runbooks cold, so a loaded machine
 * does not turn a test into a race against its timeout.
 */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  shared ??= cleanEnv();
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: options.env ?? shared,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Stack-trace lines (`    at fn (file:1:2)`) that must never reach a user. */
export function stackLines(text: string): string[] {
  return text.split('\n').filter((line) => /^\s+at\s/.test(line));
}

// eslint-disable-next-line no-control-regex
export const ANSI = /\u001b\[/;
