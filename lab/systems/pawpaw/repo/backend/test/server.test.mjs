// The backend against a stand-in psql on PATH: /health answers UP when the database login works,
// the process stops when the database is unreachable at start.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const server = new URL('../server.mjs', import.meta.url).pathname;
const bin = mkdtempSync(join(tmpdir(), 'pawpaw-psql-'));
writeFileSync(join(bin, 'psql'), '#!/bin/sh\ncat >/dev/null\n[ "$FAKE_DB" = up ] && { echo 1; exit 0; }\necho "psql: error: connection refused" >&2\nexit 2\n');
chmodSync(join(bin, 'psql'), 0o755);

const freePort = () => new Promise((resolve) => { const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); }); });

function start(port, db) {
  const child = spawn(process.execPath, [server], { env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, PORT: String(port), FAKE_DB: db } });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  return { child, output: () => out };
}

test('GET /health answers UP with a working database', async () => {
  const port = await freePort();
  const { child, output } = start(port, 'up');
  try {
    while (!output().includes('Server running')) await new Promise((r) => setTimeout(r, 50));
    const res = await fetch(`http://127.0.0.1:${port}/health`);
    assert.equal(res.status, 200);
    assert.equal((await res.json()).status, 'UP');
    assert.equal((await fetch(`http://127.0.0.1:${port}/nope`)).status, 404);
  } finally {
    child.kill();
  }
});

test('the backend stops when the database is unreachable at start', async () => {
  const { child, output } = start(await freePort(), 'down');
  const code = await new Promise((resolve) => child.on('exit', resolve));
  assert.equal(code, 1);
  assert.match(output(), /Database connection failed/);
});
