/**
 * Where runbooks are found: `--dir`, then `RUNBOOK_PATH` (colon-separated),
 * then `./runbooks`, then the runbooks shipped with the engine. A folder
 * reached twice counts once.
 */
import { realpathSync, statSync } from 'node:fs';
import { delimiter, resolve } from 'node:path';
import { packageRoot } from '../version.js';

export const SHIPPED_DIR = resolve(packageRoot(), 'runbooks');

export interface SearchDir {
  path: string;
  origin: 'dir' | 'env' | 'cwd' | 'shipped';
}

export function searchDirs(options: { dirs: string[]; env: NodeJS.ProcessEnv; cwd: string; shipped?: boolean }): SearchDir[] {
  const candidates: SearchDir[] = [
    ...options.dirs.map((d) => ({ path: resolve(options.cwd, d), origin: 'dir' as const })),
    ...(options.env.RUNBOOK_PATH ?? '')
      .split(delimiter)
      .filter((d) => d !== '')
      .map((d) => ({ path: resolve(options.cwd, d), origin: 'env' as const })),
    { path: resolve(options.cwd, 'runbooks'), origin: 'cwd' },
    ...(options.shipped === false ? [] : [{ path: SHIPPED_DIR, origin: 'shipped' as const }]),
  ];
  const seen = new Set<string>();
  const result: SearchDir[] = [];
  for (const candidate of candidates) {
    let real: string;
    try {
      if (!statSync(candidate.path).isDirectory()) continue;
      real = realpathSync(candidate.path);
    } catch {
      continue;
    }
    if (seen.has(real)) continue;
    seen.add(real);
    result.push({ path: real, origin: candidate.origin });
  }
  return result;
}
