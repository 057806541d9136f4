// The caches are keyed by the build, not only the version: a clone rebuilt after a pull keeps its
// version number and must not be served what an earlier build cached (a parse, a lint, a verdict).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { engineBuild, engineVersion } from '../../engine/version.js';

const root = join(import.meta.dirname, '..', '..');
const chunks = join(root, 'dist', 'engine', 'cli', 'chunks');

describe('engineBuild', () => {
  afterEach(() => {
    Reflect.deleteProperty(globalThis, 'RUNBOOK_BUILD_ID');
  });

  it('is the version alone outside the bundle (the library, the sources)', () => {
    expect(engineBuild()).toBe(engineVersion());
  });

  it('adds the build id the bundle defines', () => {
    Reflect.set(globalThis, 'RUNBOOK_BUILD_ID', '0123456789abcdef');
    expect(engineBuild()).toBe(`${engineVersion()}+0123456789abcdef`);
  });
});

describe('the built CLI', () => {
  it('carries a build id, a hash of the build, in the bundle', () => {
    const ids = new Set(readdirSync(chunks).flatMap((f) => [...readFileSync(join(chunks, f), 'utf8').matchAll(/\$\{engineVersion\(\)\}\+\$\{"([0-9a-f]{16})"\}/g)].map((m) => m[1])));
    expect(ids.size).toBe(1);
  });

  it('does not serve a lint that another build of the same version cached', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-build-id-'));
    try {
      const file = join(dir, 'uno.md');
      writeFileSync(file, '---\nid: UNO\n---\n# Uno\n\n## Paso\n\n```bash\necho uno\n```\n');
      const cache = join(dir, 'cache');
      // The library (tsc's output, no build id) stands for another build of this version: it
      // lints the file into the same cache, and its entries are then made to say what a build
      // with other rules might have said.
      const library = `const { lintFiles } = await import(${JSON.stringify(join(root, 'dist', 'engine', 'index.js'))});
        await lintFiles([{ path: ${JSON.stringify(file)}, explicit: true }], { cwd: ${JSON.stringify(dir)}, cacheDir: ${JSON.stringify(cache)}, strict: false });`;
      expect(spawnSync(process.execPath, ['--input-type=module', '-e', library], { encoding: 'utf8' }).status).toBe(0);
      const entries = readdirSync(cache, { recursive: true }).map(String).filter((f) => f.endsWith('.json'));
      let changed = 0;
      for (const entry of entries) {
        const text = readFileSync(join(cache, entry), 'utf8');
        if (text.includes('"errors":0')) changed++;
        writeFileSync(join(cache, entry), text.replace('"errors":0', '"errors":7'));
      }
      expect(changed).toBeGreaterThan(0);
      const env = { ...process.env, RUNBOOK_CACHE_DIR: cache, RUNBOOK_LANG: 'en', NO_COLOR: '1' };
      const cli = spawnSync(process.execPath, [join(root, 'dist', 'engine', 'cli', 'bin.js'), 'lint', file, '--format', 'json'], { env, cwd: dir, encoding: 'utf8' });
      expect(cli.status, cli.stderr).toBe(0);
      expect(JSON.parse(cli.stdout)).toMatchObject({ errors: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
