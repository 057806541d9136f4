/**
 * The release as an operator meets it (issue 18). `npm run release` builds release/; then, in
 * throwaway folders outside the repository (no node_modules of the repo on any path):
 * - the tarball installs with `npm install -g` into its own prefix with npm's network shut
 *   (`--offline`, an empty cache, a registry address nobody answers), and runs;
 * - the single executable runs with a PATH that holds no `node` (and, as root, in a chroot that
 *   holds nothing but it and the shared libraries it links).
 * Both list the shipped runbooks and dry-run RB-01 (templates included: the report is written).
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const RELEASE = join(ROOT, 'release');
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const work = realpathSync(mkdtempSync(join(tmpdir(), 'runbook-release-')));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Shipped runbook ids, from the file names (`RB-01-restore-db.md` → `RB-01`). */
/** What `runbook lab up` reads from the package: an image's Dockerfile, a system's compose file. */
const LAB_ASSETS = [join('lab', 'images', 'mariadb', 'Dockerfile'), join('lab', 'systems', 'pawpaw', 'docker-compose.prod.yml')];
const shippedIds = readdirSync(join(ROOT, 'runbooks'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.md') && basename(f) !== 'README.md')
  .map((f) => /^([A-Z]+-\d+)/.exec(basename(f))?.[1] ?? f);

/** A hermetic environment: nothing inherited but what is listed. */
function env(path: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: path, HOME: join(work, 'home'), LANG: 'C.UTF-8', RUNBOOK_LANG: 'en', NO_COLOR: '1', RUNBOOK_STATE_DIR: join(work, 'state'), RUNBOOK_LOCK_DIR: join(work, 'locks'), ...extra };
}

function run(cmd: string, args: string[], environment: NodeJS.ProcessEnv): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd: work, env: environment, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** `runbook list` and `runbook play RB-01 --dry-run --yes`, as the operator runs them. */
let dryRunCount: string | undefined;

/** How many steps the checkout's own build dry-runs in RB-01 (the release must walk the same). */
function checkoutDryRunCount(): string | undefined {
  if (dryRunCount !== undefined) return dryRunCount;
  const state = mkdtempSync(join(work, 'checkout-state-'));
  const own = spawnSync(process.execPath, [join(ROOT, 'dist', 'engine', 'cli', 'bin.js'), 'play', 'RB-01', '--dry-run', '--yes'], { encoding: 'utf8', env: { ...process.env, RUNBOOK_STATE_DIR: state, RUNBOOK_LANG: 'en', NO_COLOR: '1' }, input: '' });
  dryRunCount = /dry run (\d+)/.exec(own.stdout)?.[1];
  return dryRunCount;
}

function listAndDryRun(runbook: string, environment: NodeJS.ProcessEnv): void {
  const list = run(runbook, ['list'], environment);
  expect(list.stderr).toBe('');
  expect(list.status).toBe(0);
  for (const id of shippedIds) expect(list.stdout).toMatch(new RegExp(`^${id} `, 'm'));

  const play = run(runbook, ['play', 'RB-01', '--dry-run', '--yes'], environment);
  expect(play.status, play.stderr).toBe(0);
  expect(play.stdout).toContain('RB-01 — ');
  expect(play.stdout).toContain('DRY RUN');
  expect(play.stdout).toMatch(/✔ Dry run finished in .*: nothing was executed/);
  // The same walk as the checkout's own build: the same number of steps dry-run.
  expect(/dry run (\d+)/.exec(play.stdout)?.[1]).toBe(checkoutDryRunCount());
  const report = /^Report: (\S+report\.md) · (\S+report\.html)$/m.exec(play.stdout);
  expect(report, play.stdout).not.toBeNull();
  for (const file of report?.slice(1) ?? []) expect(statSync(file).size).toBeGreaterThan(0);
}

let tarball = '';
let executable = '';

beforeAll(() => {
  const build = spawnSync(process.execPath, [join(ROOT, '.ci/release/build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  expect(build.status, build.stdout + build.stderr).toBe(0);
  tarball = join(RELEASE, `runbook-${version}.tgz`);
  executable = join(RELEASE, `runbook-${version}-linux-x64`);
  mkdirSync(join(work, 'home'));
});

describe('npm run release', () => {
  it('writes the tarball, the executable and SHA256SUMS that match them', () => {
    const sums = readFileSync(join(RELEASE, 'SHA256SUMS'), 'utf8').trim().split('\n');
    expect(sums.map((line) => line.split('  ')[1])).toEqual([basename(tarball), basename(executable)]);
    for (const line of sums) {
      const [sum, file] = line.split('  ');
      expect(createHash('sha256').update(readFileSync(join(RELEASE, file ?? ''))).digest('hex')).toBe(sum);
    }
    expect(statSync(executable).mode & 0o111).not.toBe(0);
  });

  it('the tarball installs with no registry into a throwaway prefix, and lists and dry-runs a shipped runbook', () => {
    const prefix = join(work, 'prefix');
    // npm needs node; nothing else from this machine's npm setup (cache, registry, config) is used.
    const nodeOnly = `${dirname(process.execPath)}:/usr/bin:/bin`;
    const install = run('npm', ['install', '-g', '--offline', '--prefix', prefix, '--no-audit', '--no-fund', tarball], env(nodeOnly, {
      npm_config_cache: join(work, 'npm-cache'),
      npm_config_registry: 'http://127.0.0.1:9/',
      npm_config_userconfig: join(work, 'no-npmrc'),
      npm_config_globalconfig: join(work, 'no-global-npmrc'),
    }));
    expect(install.status, install.stderr).toBe(0);
    const runbook = join(prefix, 'bin', 'runbook');
    const environment = env(`${join(prefix, 'bin')}:${nodeOnly}`, { RUNBOOK_CACHE_DIR: join(work, 'tarball-cache') });
    expect(run('runbook', ['--version'], environment).stdout).toBe(`${version} (release tarball: ${join(prefix, 'lib', 'node_modules', 'runbook')})\n`);
    listAndDryRun(runbook, environment);
    // `runbook lab up` builds from the package's lab/ folder.
    const installed = join(prefix, 'lib', 'node_modules', 'runbook');
    for (const asset of LAB_ASSETS) expect(existsSync(join(installed, asset)), asset).toBe(true);
  });

  describe('the single executable, with no node on PATH', () => {
    // A PATH with every command of /usr/bin except node and its tools.
    const tools = join(work, 'tools');
    const bin = join(work, 'bin');
    const seaCache = join(work, 'sea-cache');
    let environment: NodeJS.ProcessEnv = {};
    const nodeBinary = realpathSync(process.execPath);

    beforeAll(() => {
      mkdirSync(tools);
      for (const name of readdirSync('/usr/bin')) {
        const target = join('/usr/bin', name);
        if (['node', 'nodejs', 'npm', 'npx', 'corepack'].includes(name) || !existsSync(target) || realpathSync(target) === nodeBinary) continue;
        symlinkSync(target, join(tools, name));
      }
      mkdirSync(bin);
      symlinkSync(executable, join(bin, 'runbook'));
      environment = env(`${bin}:${tools}`, { RUNBOOK_CACHE_DIR: seaCache });
      const which = run('bash', ['-c', 'command -v node || echo none'], environment);
      expect(which.stdout).toBe('none\n');
    });

    it('says it is the single executable', () => {
      expect(run('runbook', ['--version'], environment)).toMatchObject({ status: 0, stdout: `${version} (single executable: ${executable})\n`, stderr: '' });
    });

    it('lists and dry-runs a shipped runbook', () => {
      listAndDryRun('runbook', environment);
    });

    it('unpacks once, into a private folder named by version and content hash', () => {
      const unpacked = readdirSync(join(seaCache, 'sea'));
      expect(unpacked).toEqual([expect.stringMatching(new RegExp(`^${version.replaceAll('.', '\\.')}-[0-9a-f]{16}$`))]);
      const dir = join(seaCache, 'sea', unpacked[0] ?? '');
      expect(statSync(dir).mode & 0o077).toBe(0);
      expect(existsSync(join(dir, 'runbooks', 'pawpaw', 'RB-01-restore-db.md'))).toBe(true);
      expect(existsSync(join(dir, 'templates'))).toBe(true);
      for (const asset of LAB_ASSETS) expect(existsSync(join(dir, asset)), asset).toBe(true);
    });

    it('several first runs at once all succeed and leave one copy', async () => {
      const fresh = join(work, 'sea-cache-race');
      const results = await Promise.all(Array.from({ length: 4 }, () => new Promise<{ code: number | null; stdout: string }>((done) => {
        const child = spawn('runbook', ['list', '--format', 'json'], { cwd: work, env: { ...environment, RUNBOOK_CACHE_DIR: fresh }, stdio: ['ignore', 'pipe', 'inherit'] });
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.on('close', (code) => done({ code, stdout }));
      })));
      for (const result of results) {
        expect(result.code).toBe(0);
        expect(result.stdout).toContain('"RB-01"');
      }
      expect(readdirSync(join(fresh, 'sea'))).toHaveLength(1);
    });

    // As root, a stronger check: a root file system holding only the executable and the shared
    // libraries `ldd` names (glibc, libstdc++): no node, no shell, no /usr.
    it.skipIf(process.getuid?.() !== 0 || !existsSync('/usr/sbin/chroot'))('runs in a chroot holding only the executable and its shared libraries', () => {
      const jail = join(work, 'jail');
      mkdirSync(join(jail, 'bin'), { recursive: true });
      mkdirSync(join(jail, 'home'));
      copyFileSync(executable, join(jail, 'bin', 'runbook'));
      chmodSync(join(jail, 'bin', 'runbook'), 0o755);
      const libraries = run('ldd', [executable], env('/usr/bin:/bin')).stdout.match(/\/\S+\.so[.\d]*/g) ?? [];
      expect(libraries.length).toBeGreaterThan(0);
      for (const library of libraries) {
        mkdirSync(join(jail, dirname(library)), { recursive: true });
        copyFileSync(library, join(jail, library));
      }
      const jailed = (args: string[]) => spawnSync('/usr/sbin/chroot', [jail, '/bin/runbook', ...args], { env: { PATH: '/bin', HOME: '/home', RUNBOOK_LANG: 'en', NO_COLOR: '1' }, encoding: 'utf8' });
      expect(jailed(['--version']).stdout).toBe(`${version} (single executable: /bin/runbook)\n`);
      const list = jailed(['list']);
      expect(list.status, list.stderr).toBe(0);
      for (const id of shippedIds) expect(list.stdout).toMatch(new RegExp(`^${id} `, 'm'));
      const play = jailed(['play', 'RB-01', '--dry-run', '--yes']);
      expect(play.status, play.stderr).toBe(0);
      expect(play.stdout).toMatch(/✔ Dry run finished in .*: nothing was executed/);
      expect(existsSync(join(jail, 'home', '.cache', 'runbook', 'sea'))).toBe(true);
    });

    it('refuses a cache folder other users can write into', () => {
      const shared = join(work, 'shared-cache');
      mkdirSync(join(shared, 'sea'), { recursive: true, mode: 0o777 });
      spawnSync('chmod', ['777', join(shared, 'sea')]);
      const result = run('runbook', ['--version'], { ...environment, RUNBOOK_CACHE_DIR: shared });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/cannot unpack the single executable: .*writable only by you/);
    });
  });
});
