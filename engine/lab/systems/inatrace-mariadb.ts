/**
 * INATrace's database images named by their real MariaDB version: the seed server
 * (MariaDB 10.11, Debian 12) and INA-05's upgrade target (MariaDB 11.8, Debian 13),
 * both also tagged `runbook-lab/mariadb:<version>`, the version read from the built
 * server itself (`mariadbd --version`), so a runbook can name an exact image as the
 * manual names `mysql:8.0.36`.
 */
import { FailedError } from '../../errors.js';
import { LAB_LABEL } from '../paths.js';
import type { SystemContext } from './types.js';

export const MARIADB_REPO = 'runbook-lab/mariadb';
/** Image names in `LabSystem.images`: the seed server and the upgrade target. */
export const SEED_DB_IMAGE = 'inatrace-mysql';
export const TARGET_DB_IMAGE = 'inatrace-mysql-upgrade';
/** Keys of `SystemContext.images` for their version tags. */
export const SEED_DB_VERSION_TAG = 'inatrace-mysql-version';
export const TARGET_DB_VERSION_TAG = 'inatrace-mysql-upgrade-version';

/** `10.11.14` from `mariadbd  Ver 10.11.14-MariaDB-0+deb12u2 for debian-linux-gnu …`. */
export function serverVersion(versionLine: string): string | undefined {
  const words = versionLine.trim().split(/\s+/);
  const at = words.indexOf('Ver');
  const version = at === -1 ? undefined : words[at + 1]?.split('-')[0];
  return version !== undefined && /^\d+\.\d+\.\d+$/.test(version) ? version : undefined;
}

function repoTags(inspected: string): string[] {
  const parsed: unknown = JSON.parse(inspected);
  return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : [];
}

/** The image's `runbook-lab/mariadb:<version>` tag: kept when it has one, else read from its server and added. */
export async function versionTag(ctx: SystemContext, image: string): Promise<string> {
  const existing = repoTags(await ctx.docker.out(['image', 'inspect', image, '--format', '{{json .RepoTags}}'])).find((t) => t.startsWith(`${MARIADB_REPO}:`));
  if (existing !== undefined) return existing;
  const line = await ctx.docker.out(['run', '--rm', '--network', 'none', '--label', `${LAB_LABEL}=${ctx.lab.root}`, '--entrypoint', 'mariadbd', image, '--version']);
  const version = serverVersion(line);
  if (version === undefined) throw new FailedError('lab.buildFailed', { image, detail: `no MariaDB version in '${line.trim()}'` });
  const tag = `${MARIADB_REPO}:${version}`;
  await ctx.docker.out(['tag', image, tag]);
  return tag;
}

/** Both database images get their version tag, recorded in `ctx.images` for the compose file. */
export async function tagDatabaseVersions(ctx: SystemContext): Promise<void> {
  const seed = ctx.images[SEED_DB_IMAGE];
  const target = ctx.images[TARGET_DB_IMAGE];
  if (seed) ctx.images[SEED_DB_VERSION_TAG] = await versionTag(ctx, seed);
  if (target) ctx.images[TARGET_DB_VERSION_TAG] = await versionTag(ctx, target);
}
