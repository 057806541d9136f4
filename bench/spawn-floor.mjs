// The floor of a step: N bare `child_process.spawn`s of the shell a bash step runs
// (`bash -e -o pipefail -c true`, own process group, output piped and drained, waited for),
// one after the other. Prints one JSON line: { n, ms, msPerSpawn }.
import { spawn } from 'node:child_process';

const n = Number(process.argv[2] ?? 200);
const once = () =>
  new Promise((resolve) => {
    const child = spawn('bash', ['-e', '-o', 'pipefail', '-c', 'true'], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', () => {});
    child.stderr.on('data', () => {});
    child.once('close', resolve);
  });
await once();
const start = performance.now();
for (let i = 0; i < n; i++) await once();
const ms = performance.now() - start;
console.log(JSON.stringify({ n, ms, msPerSpawn: ms / n }));
