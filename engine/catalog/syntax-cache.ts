/**
 * The shell syntax check (`parse/shell-syntax.ts`) through the cache: the
 * verdicts on a list of commands are kept under the cache folder, keyed by
 * the commands' text, the engine's build (`engineBuild`) and the `bash` found
 * on `PATH` (its path, size and modification time), so a warm `lint` or `play` starts no shell for it.
 * Only the lists not in the cache are checked, all in one go.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { checkShellSyntaxAll, type SyntaxProblem } from '../parse/shell-syntax.js';
import { engineBuild } from '../version.js';
import { readCache, writeCache } from './cache.js';

const SCHEMA = 'bash-n-v1';

type Verdicts = (SyntaxProblem | null)[];

function isVerdicts(value: unknown, length: number): value is Verdicts {
  return Array.isArray(value) && value.length === length && value.every((v: unknown) => v === null || (typeof v === 'object' && v !== null && 'line' in v && typeof v.line === 'number' && 'detail' in v && typeof v.detail === 'string'));
}

/** Which bash a check ran with: a different bash may read the same text differently. */
export function bashIdentity(env: NodeJS.ProcessEnv): string {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    try {
      const st = statSync(join(dir, 'bash'));
      if (st.isFile()) return `${join(dir, 'bash')}\0${st.size}\0${st.mtimeMs}`;
    } catch {
      // not in this folder
    }
  }
  return 'no-bash';
}

/** The problem of each command of each group (a group is usually one runbook's commands), in order. */
export async function checkSyntaxCached(groups: readonly (readonly string[])[], options: { cacheDir: string | undefined; env: NodeJS.ProcessEnv; onUnchecked?: () => void }): Promise<(SyntaxProblem | undefined)[][]> {
  const bash = options.cacheDir ? bashIdentity(options.env) : '';
  const keys = groups.map((commands) => {
    const hash = createHash('sha256').update(`${SCHEMA}\0${engineBuild()}\0${bash}\0${commands.length}\0`);
    for (const command of commands) hash.update(`${command.length}\0${command}`);
    return hash.digest('hex');
  });
  // Many lists (a lint of a folder) are also kept as one entry: a warm lint reads one file for all of them.
  const whole = groups.length > 1 ? createHash('sha256').update(`${SCHEMA}\0all\0`).update(keys.join('\0')).digest('hex') : undefined;
  if (whole !== undefined) {
    const cached: unknown = readCache<unknown>(options.cacheDir, whole);
    if (Array.isArray(cached) && cached.length === groups.length && cached.every((v: unknown, i) => isVerdicts(v, groups[i]?.length ?? 0))) {
      return cached.map((v: Verdicts) => v.map((p) => p ?? undefined));
    }
  }
  const results: (SyntaxProblem | undefined)[][] = groups.map(() => []);
  const missing: number[] = [];
  groups.forEach((commands, i) => {
    const cached: unknown = readCache<unknown>(options.cacheDir, keys[i] ?? '');
    if (isVerdicts(cached, commands.length)) results[i] = cached.map((v) => v ?? undefined);
    else missing.push(i);
  });
  const remember = () => {
    if (whole !== undefined) writeCache(options.cacheDir, whole, results.map((r) => r.map((v) => v ?? null)));
    return results;
  };
  if (missing.length === 0) return remember();
  const flat = await checkShellSyntaxAll(missing.flatMap((i) => groups[i] ?? []));
  if (!flat) {
    // bash could not check: nothing is refused, and nothing cached
    options.onUnchecked?.();
    for (const i of missing) results[i] = (groups[i] ?? []).map(() => undefined);
    return results;
  }
  let at = 0;
  for (const i of missing) {
    const n = groups[i]?.length ?? 0;
    const verdicts = flat.slice(at, at + n);
    at += n;
    results[i] = verdicts;
    writeCache(options.cacheDir, keys[i] ?? '', verdicts.map((v) => v ?? null));
  }
  return remember();
}
