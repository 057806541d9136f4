// Markdown parse throughput: `parseRunbook` (unified/remark + front matter + the model) over
// generated runbooks, in one process, after one unmeasured warm-up parse.
// Usage: node bench/parse.mjs FILE... — prints one JSON line: bytes, ms (median of 3), MB/s.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const { parseRunbook } = await import(join(root, 'dist/engine/parse/parse-runbook.js'));
const files = process.argv.slice(2).map((f) => ({ path: f, text: readFileSync(f, 'utf8') }));
const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
const once = () => {
  const start = performance.now();
  for (const f of files) parseRunbook(f.text, f.path, f.path);
  return performance.now() - start;
};
once();
const samples = [once(), once(), once()].sort((a, b) => a - b);
const ms = samples[1];
console.log(JSON.stringify({ bytes, ms, mbps: bytes / 1e6 / (ms / 1000) }));
