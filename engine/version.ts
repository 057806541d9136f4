/**
 * The engine's version, read from the nearest package.json above this file (works from dist/ and
 * from source), and how this copy was installed. Kept free of imports beyond `node:` built-ins:
 * `runbook --version` loads only this file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * How this copy of the engine got here. `executable` and `tarball` are stamped into the
 * package.json of the release artifacts by `npm run release` (field `runbookDistribution`);
 * anything else is an npm package when it sits in a `node_modules` folder, else a clone.
 */
export type InstallKind = 'executable' | 'tarball' | 'npm' | 'clone';

export interface Installation {
  kind: InstallKind;
  /** The executable file, or the package folder. */
  path: string;
}

interface PackageFacts {
  version: string;
  distribution: string | undefined;
}

let cached: PackageFacts | undefined;

export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

function field(data: unknown, name: string): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const value: unknown = Reflect.get(data, name);
  return typeof value === 'string' ? value : undefined;
}

function packageFacts(): PackageFacts {
  if (!cached) {
    const data: unknown = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8'));
    cached = { version: field(data, 'version') ?? '0.0.0', distribution: field(data, 'runbookDistribution') };
  }
  return cached;
}

export function engineVersion(): string {
  return packageFacts().version;
}

/** Set in the CLI's bundle by `.ci/bundle.mjs` (esbuild `define`): a hash of the build's files. */
declare const RUNBOOK_BUILD_ID: string | undefined;

/**
 * What the caches are keyed by: the version and, in the CLI's bundle, the build. A clone rebuilt
 * after a pull keeps its version number, and must not serve a parse, a lint or a compiled template
 * that an earlier build of the same version cached.
 */
export function engineBuild(): string {
  return typeof RUNBOOK_BUILD_ID === 'string' ? `${engineVersion()}+${RUNBOOK_BUILD_ID}` : engineVersion();
}

export function installation(): Installation {
  const { distribution } = packageFacts();
  const root = packageRoot();
  if (distribution === 'executable') return { kind: 'executable', path: process.execPath };
  if (distribution === 'tarball') return { kind: 'tarball', path: root };
  if (root.split(sep).includes('node_modules')) return { kind: 'npm', path: root };
  return { kind: 'clone', path: root };
}

const KIND_LABEL: Record<InstallKind, string> = {
  executable: 'single executable',
  tarball: 'release tarball',
  npm: 'npm package',
  clone: 'clone',
};

/** What `runbook --version` prints: the version first (for scripts), then how it was installed, e.g. `0.1.0 (clone: /src/runbook)`. */
export function versionLine(): string {
  const { kind, path } = installation();
  return `${engineVersion()} (${KIND_LABEL[kind]}: ${path})`;
}
