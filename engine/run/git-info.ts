/** The Git commit of a runbook file, if it lives in a Git work tree (for the run's provenance). */
import { execFileSync } from 'node:child_process';
import { basename, dirname } from 'node:path';

export function gitInfo(file: string): { commit: string; dirty: boolean } | undefined {
  try {
    const opts = { cwd: dirname(file), stdio: ['ignore', 'pipe', 'ignore'] as ('ignore' | 'pipe')[], timeout: 3000, encoding: 'utf8' as const };
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], opts).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', basename(file)], opts).trim() !== '';
    return /^[0-9a-f]{40}$/.test(commit) ? { commit, dirty } : undefined;
  } catch {
    return undefined;
  }
}
