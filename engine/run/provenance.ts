/** Who runs, where, and from which commit of the runbook: the run's provenance. */
import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { basename, dirname } from 'node:path';

/** Who is running: `RUNBOOK_OPERATOR`, else the login name. */
export function operatorName(env: NodeJS.ProcessEnv): string {
  try {
    return env.RUNBOOK_OPERATOR || userInfo().username;
  } catch {
    return env.USER ?? 'unknown';
  }
}

/** The Git commit of a runbook file, if it lives in a Git work tree. */
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
