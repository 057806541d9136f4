// The CLI's start-up bundle, made by `npm run build` after `tsc` (and by the release build):
//   node .ci/bundle.mjs [DIST]      (DIST defaults to ./dist)
// tsc emits one ES module per source file; a `play` of one step loaded 122 of them, and on Node 20
// (no compile cache for ES modules) resolving, reading and linking each is a fixed cost of every
// command. esbuild bundles the CLI's own code (DIST/engine/cli/bin.js and what it imports) into
// DIST/engine/cli/bin.js plus shared chunks in DIST/engine/cli/chunks/, keeping every dynamic
// `import()` a chunk of its own, so a command still loads only what it uses. Packages from
// node_modules stay external (each is loaded as it is, and lazily, as before). The rest of DIST
// (the library entry `engine/index.js`, type declarations) is tsc's output, untouched.
// The measurement that decided it is in docs/benchmarks.md ("One bundle for the CLI").
// One import stays outside the bundle: `runbook --version` loads tsc's DIST/engine/version.js as
// it is (one file, `node:` built-ins only) instead of a chunk facade, the shared chunk holding it
// and the chunk of esbuild's `__name` helper (docs/benchmarks.md, "--version in two files").
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild-wasm';

const dist = resolve(process.argv[2] ?? 'dist');

/** bin.js's `import('../version.js')` resolves, at run time, to the file next to the bundle's folder. */
const versionStaysOutside = {
  name: 'version-stays-outside',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/version\.js$/ }, (args) => (args.importer === join(cli, 'bin.js') ? { path: args.path, external: true } : undefined));
  },
};
/**
 * The message catalogs (i18n/en.js, i18n/es.js: one object of strings each, spread from a file per
 * area) go into the bundle as `JSON.parse('…')` of their value, taken from tsc's module at build
 * time. V8 scans a string literal and parses JSON far faster than it compiles an object literal
 * of 600 keys: 36 M instructions became 12 M, of the 181 M a warm `runbook list` adds to
 * `node -e 0` (docs/benchmarks.md, "Catalogs as JSON").
 */
const catalogsAsJson = {
  name: 'catalogs-as-json',
  setup(build) {
    build.onLoad({ filter: /[\\/]engine[\\/]i18n[\\/](en|es)\.js$/ }, async (args) => {
      const module = await import(pathToFileURL(args.path).href);
      const lines = Object.entries(module).map(([name, catalog]) => {
        const strings = typeof catalog === 'object' && catalog !== null && Object.values(catalog).every((v) => typeof v === 'string');
        if (!strings) throw new Error(`${args.path}: export ${name} is not an object of strings; the bundle keeps catalogs as JSON`);
        return `export const ${name} = JSON.parse(${JSON.stringify(JSON.stringify(catalog))});`;
      });
      return { contents: `${lines.join('\n')}\n`, loader: 'js' };
    });
  },
};
const cli = join(dist, 'engine', 'cli');

/**
 * The build's identity, for the caches (`engineBuild` in engine/version.ts): a hash of tsc's
 * output (every .js file under DIST/engine but the bundle's own chunks), so a clone rebuilt after
 * a pull, same version number, does not read the parses and lints an earlier build cached.
 */
function buildId() {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (path !== join(cli, 'chunks') && !entry.name.startsWith('.bundle-')) walk(path);
      } else if (entry.name.endsWith('.js')) hash.update(`${relative(dist, path)}\0`).update(readFileSync(path)).update('\0');
    }
  };
  walk(join(dist, 'engine'));
  return hash.digest('hex').slice(0, 16);
}
const id = buildId();
const out = mkdtempSync(join(dist, '.bundle-'));
try {
  await build({
    entryPoints: [join(cli, 'bin.js')],
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    chunkNames: 'chunks/[name]-[hash]',
    // Readable stack traces and no renamed functions: the bundle is not minified.
    keepNames: true,
    logLevel: 'warning',
    define: { RUNBOOK_BUILD_ID: JSON.stringify(id) },
    plugins: [versionStaysOutside, catalogsAsJson],
  });
  rmSync(join(cli, 'chunks'), { recursive: true, force: true });
  renameSync(join(out, 'chunks'), join(cli, 'chunks'));
  renameSync(join(out, 'bin.js'), join(cli, 'bin.js'));
} finally {
  rmSync(out, { recursive: true, force: true });
}
