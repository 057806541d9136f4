// `npm run release`: builds into release/ (ignored by git), from the checkout as it is (after `npm ci`):
//   runbook-X.Y.Z.tgz               npm tarball with its dependencies bundled; installs with no registry
//   runbook-X.Y.Z-linux-x64         single executable (Node SEA) with the same package inside
//                                   (less type declarations and source maps)
//   SHA256SUMS                      checksums of both (`sha256sum -c SHA256SUMS`)
// Both carry the same package: dist/ compiled fresh, runbooks/, templates/, package.json and the
// production dependencies that `npm ci --omit=dev` installs from package-lock.json. Nothing is
// downloaded but npm packages (from npm's cache when they are there): the executable is the Node
// running this script with the package injected by postject.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import postject from 'postject';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = join(root, 'release');
const stage = join(out, '.stage');
const pkgDir = join(stage, 'package');
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const started = performance.now();
const step = (what) => console.log(`[release ${((performance.now() - started) / 1000).toFixed(1)}s] ${what}`);

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: ['ignore', options.capture ? 'pipe' : 'inherit', 'inherit'], encoding: 'utf8', ...options });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${result.status ?? result.signal}`);
  return result.stdout;
}

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const name = `${pkg.name}-${pkg.version}`;
rmSync(out, { recursive: true, force: true });
mkdirSync(pkgDir, { recursive: true });

// 1. The package: compiled fresh (no stale files from dist/), with the shipped runbooks and templates.
step('compiling the engine');
run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', join(pkgDir, 'dist')]);
run(process.execPath, [join(root, '.ci/bundle.mjs'), join(pkgDir, 'dist')]);
// lab/: the Dockerfiles and compose files `runbook lab up` builds and starts the lab from.
for (const dir of ['runbooks', 'templates', 'lab']) cpSync(join(root, dir), join(pkgDir, dir), { recursive: true });
copyFileSync(join(root, 'README.md'), join(pkgDir, 'README.md'));
copyFileSync(join(root, 'package-lock.json'), join(pkgDir, 'package-lock.json'));
const { scripts: _scripts, ...manifestFields } = pkg;
const staged = { ...manifestFields, bundleDependencies: Object.keys(pkg.dependencies ?? {}), runbookDistribution: 'tarball' };
writeFileSync(join(pkgDir, 'package.json'), `${JSON.stringify(staged, null, 2)}\n`);

step('installing production dependencies (npm ci --omit=dev)');
run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: pkgDir });
rmSync(join(pkgDir, 'package-lock.json'));
// npm's bookkeeping and the dependencies' own command links: an install recreates what it needs.
rmSync(join(pkgDir, 'node_modules/.package-lock.json'), { force: true });
rmSync(join(pkgDir, 'node_modules/.bin'), { recursive: true, force: true });

// 2. The tarball: npm pack bundles node_modules because of bundleDependencies.
step('packing the tarball');
const [packed] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', out], { cwd: pkgDir, capture: true }));
const tarball = join(out, packed.filename);

// 3. The single executable: the tarball's runtime files, stamped `executable`, embedded as one gzip asset.
const platform = `${process.platform}-${process.arch}`;
let executable;
if (platform !== 'linux-x64') {
  console.warn(`single executable: only built for linux-x64 (this is ${platform}); skipped`);
} else {
  step('building the single executable');
  writeFileSync(join(pkgDir, 'package.json'), `${JSON.stringify({ ...staged, runbookDistribution: 'executable' }, null, 2)}\n`);
  // The files npm packed (npm ci also installs optional peers, such as @types/node, that npm pack
  // leaves out), less type declarations and source maps: nothing runs them, and they are a third
  // of the files the first run would write.
  const files = packed.files.map((f) => f.path).filter((f) => !/\.d\.[cm]?ts(\.map)?$|\.[cm]?js\.map$/.test(f)).sort();
  const chunks = [];
  const entries = [];
  let offset = 0;
  for (const file of files) {
    const path = join(pkgDir, file);
    const data = readFileSync(path);
    entries.push([file, statSync(path).mode & 0o777, offset, data.length]);
    chunks.push(data);
    offset += data.length;
  }
  const payload = Buffer.concat(chunks);
  const entry = pkg.bin.runbook.replace(/^\.\//, '');
  if (!files.includes(entry)) throw new Error(`the package has no ${entry}`);
  writeFileSync(join(stage, 'payload.gz'), gzipSync(payload, { level: 9 }));
  // The checksum covers the file table and the contents: it names the folder the package unpacks to.
  const table = JSON.stringify(entries);
  writeFileSync(join(stage, 'files.json'), table);
  writeFileSync(join(stage, 'runbook.json'), JSON.stringify({ version: pkg.version, sha256: createHash('sha256').update(table).update(payload).digest('hex'), entry }));
  // Paths relative to the stage: the blob records the entry's path, so the executable does not depend on where the checkout is.
  copyFileSync(join(root, '.ci/release/sea-main.cjs'), join(stage, 'sea-main.cjs'));
  const config = {
    main: 'sea-main.cjs',
    output: 'sea.blob',
    disableExperimentalSEAWarning: true,
    assets: { 'runbook.json': 'runbook.json', 'files.json': 'files.json', payload: 'payload.gz' },
  };
  writeFileSync(join(stage, 'sea-config.json'), JSON.stringify(config, null, 2));
  run(process.execPath, ['--experimental-sea-config', 'sea-config.json'], { cwd: stage });
  if (!readFileSync(process.execPath).includes(SEA_FUSE)) throw new Error(`${process.execPath} was built without single executable support`);
  executable = join(out, `${name}-${platform}`);
  copyFileSync(process.execPath, executable);
  chmodSync(executable, 0o755);
  await postject.inject(executable, 'NODE_SEA_BLOB', readFileSync(join(stage, config.output)), { sentinelFuse: SEA_FUSE });
  console.log(`single executable: ${files.length} files, ${(payload.length / 2 ** 20).toFixed(1)} MiB (${(statSync(join(stage, 'payload.gz')).size / 2 ** 20).toFixed(1)} MiB gzip) on Node ${process.version}`);
}

// 4. Checksums, in the format `sha256sum -c` reads.
const artifacts = [tarball, executable].filter((f) => f !== undefined);
writeFileSync(join(out, 'SHA256SUMS'), artifacts.map((f) => `${sha256(readFileSync(f))}  ${relative(out, f)}\n`).join(''));
if (!process.env.RELEASE_KEEP_STAGE) rmSync(stage, { recursive: true, force: true });
step('done');
for (const f of artifacts) console.log(`  release/${relative(out, f)}  ${(statSync(f).size / 2 ** 20).toFixed(1)} MiB`);
console.log('  release/SHA256SUMS');
