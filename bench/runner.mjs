// The process runner's choice, measured: N spawns of `bash -c true` through execa
// (with the options the engine used) and through node:child_process (as the
// engine's runner does), alternating, several rounds. Prints one line per round.
// Usage: node bench/runner.mjs [N=200] [rounds=3]
import { spawn } from 'node:child_process';
import { execa } from 'execa';

const n = Number(process.argv[2] ?? 200);
const rounds = Number(process.argv[3] ?? 3);

async function viaExeca() {
  const child = execa('bash', ['-e', '-o', 'pipefail', '-c', 'true'], { reject: false, buffer: false, stripFinalNewline: false, detached: true, cleanup: false, stdin: 'ignore', stdout: 'pipe', stderr: 'pipe', extendEnv: false, env: process.env });
  child.stdout?.on('data', () => {});
  child.stderr?.on('data', () => {});
  await child;
}

function viaSpawn() {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-e', '-o', 'pipefail', '-c', 'true'], { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    child.stdout.on('data', () => {});
    child.stderr.on('data', () => {});
    child.once('close', resolve);
  });
}

async function time(fn) {
  const start = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return performance.now() - start;
}

for (let r = 1; r <= rounds; r++) {
  const a = await time(viaExeca);
  const b = await time(viaSpawn);
  console.log(`round ${r}: execa ${a.toFixed(0)} ms (${(a / n).toFixed(2)} ms/spawn) · child_process ${b.toFixed(0)} ms (${(b / n).toFixed(2)} ms/spawn) · difference ${((a - b) / n).toFixed(2)} ms/spawn`);
}
