// INA-05's target image: an exact X.Y.Z of mysql:8 or of mariadb, with a registry or repository
// before it and a variant after it, never `latest` or a series (`8.0`, `11.8`); what the CLI
// refuses (exit 2, naming the pattern) and what it plays (a dry run, exit 0).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'dist', 'engine', 'cli', 'bin.js');
const state = mkdtempSync(join(tmpdir(), 'runbook-ina05-'));
afterAll(() => rmSync(state, { recursive: true, force: true }));

function dryRun(image: string): Promise<{ status: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, 'play', 'INA-05', '--dry-run', '--yes', '-p', `NEW_MYSQL_IMAGE=${image}`],
      { cwd: root, env: { ...process.env, NO_COLOR: '1', RUNBOOK_LANG: 'en', RUNBOOK_STATE_DIR: state, RUNBOOK_LOCK_DIR: join(state, 'locks') } },
      (error, stdout, stderr) => resolve({ status: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
    );
  });
}

describe('INA-05 NEW_MYSQL_IMAGE', () => {
  for (const image of ['mysql:8.0.36', 'mysql:8.0.36-debian', 'registry.example/mysql:8.4.3', 'mariadb:11.8.9', 'runbook-lab/mariadb:11.8.9', 'mariadb:11.8.9-noble']) {
    it(`plays ${image}`, async () => {
      const r = await dryRun(image);
      expect(r.status, r.output).toBe(0);
    });
  }
  for (const image of ['mysql:latest', 'mysql:8.0', 'mariadb:11.8', 'mariadb:latest', 'mysql:5.7.44', 'postgres:16.1.0', 'Mysql:8.0.36']) {
    it(`refuses ${image}`, async () => {
      const r = await dryRun(image);
      expect(r.status).toBe(2);
      expect(r.output).toContain('param NEW_MYSQL_IMAGE must match the pattern');
    });
  }
});
