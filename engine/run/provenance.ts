/** Who runs, where, and from which commit of the runbook: the run's provenance. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename, dirname, join } from 'node:path';

/** Who is running: `RUNBOOK_OPERATOR`, else the login name. */
export function operatorName(env: NodeJS.ProcessEnv): string {
  try {
    return env.RUNBOOK_OPERATOR || userInfo().username;
  } catch {
    return env.USER ?? 'unknown';
  }
}

/**
 * The Git commit of a runbook file, and whether the file differs from it, if it lives in a Git
 * work tree. One `git status --porcelain=v2 --branch` answers both (`# branch.oid`, and a line
 * for the file when it is modified or untracked); no `git` starts at all when no folder above the
 * file holds a `.git` and `GIT_DIR` is unset (a spawn is ≈5 ms of a one-step `play`).
 */
export function gitInfo(file: string, env: NodeJS.ProcessEnv = process.env): { commit: string; dirty: boolean } | undefined {
  if (env.GIT_DIR === undefined && !insideWorkTree(dirname(file))) return undefined;
  try {
    const out = execFileSync('git', ['status', '--porcelain=v2', '--branch', '--untracked-files=all', '--', basename(file)], {
      cwd: dirname(file), stdio: ['ignore', 'pipe', 'ignore'], timeout: 3000, encoding: 'utf8', env,
    });
    const lines = out.split('\n').filter((line) => line !== '');
    const commit = lines.find((line) => line.startsWith('# branch.oid '))?.slice('# branch.oid '.length);
    if (commit === undefined || !/^[0-9a-f]{40}$/.test(commit)) return undefined;
    return { commit, dirty: lines.some((line) => !line.startsWith('#')) };
  } catch {
    return undefined;
  }
}

/** Whether `dir` or a folder above it holds `.git` (a folder, or a file for worktrees and submodules). */
function insideWorkTree(dir: string): boolean {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, '.git'))) return true;
    if (dirname(at) === at) return false;
  }
}
