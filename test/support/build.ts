// Vitest global setup: the tests drive the built CLI (dist/), so it is built first — but only
// when a source file is newer than the build, so `npm ci && npm test` (where `npm ci` already
// built it through `prepare`) builds once.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

function newest(dir: string, ext: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(path, ext));
    else if (entry.name.endsWith(ext)) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

export default function setup(): void {
  const bin = join(ROOT, 'dist', 'engine', 'cli', 'bin.js');
  const built = existsSync(bin) ? newest(join(ROOT, 'dist', 'engine'), '.js') : 0;
  const sources = Math.max(newest(join(ROOT, 'engine'), '.ts'), statSync(join(ROOT, 'package.json')).mtimeMs, statSync(join(ROOT, 'tsconfig.build.json')).mtimeMs, statSync(join(ROOT, '.ci', 'bundle.mjs')).mtimeMs);
  if (built >= sources) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  // The CLI's bundle, as `npm run build` makes it (.ci/bundle.mjs).
  execFileSync(process.execPath, [join(ROOT, '.ci', 'bundle.mjs')], { cwd: ROOT, stdio: 'inherit' });
}
