/** `runbook lint --fix` / `--fix-dry-run`: what was fixed (stderr) or the unified diff of what would be (stdout). */
import { createTwoFilesPatch } from 'diff';
import { cacheDir } from '../../catalog/cache.js';
import { fixFiles, type FileFix } from '../../lint-fix.js';
import type { LintTarget } from '../../lint.js';
import type { CliContext } from '../context.js';

/** Returns whether some file was refused (the command then exits 1). */
export async function reportFixes(ctx: CliContext, files: LintTarget[], options: { write: boolean; json: boolean }): Promise<boolean> {
  const fixes = await fixFiles(files, { cwd: ctx.cwd, cacheDir: cacheDir(ctx.env), write: options.write });
  const refused = fixes.filter((f) => f.outcome === 'changed-since-read' || f.outcome === 'steps-changed');
  for (const f of refused) ctx.err(ctx.style.red(ctx.t(f.outcome === 'steps-changed' ? 'fix.stepsChanged' : 'fix.changedSinceRead', { file: f.file })));
  if (options.write) {
    for (const f of fixes.filter((one) => one.outcome === 'fixed')) ctx.err(ctx.style.green(ctx.t('fix.fixed', { file: f.file, ...f.counts })));
  } else {
    const changed = fixes.filter((f) => f.outcome === 'would-fix');
    if (options.json) ctx.out(JSON.stringify({ changed: changed.map((f) => ({ file: f.file, ...f.counts, diff: diffOf(f) })) }, null, 2));
    else for (const f of changed) ctx.out(diffOf(f).trimEnd());
    ctx.err(changed.length > 0 ? ctx.t('fix.wouldFix', { count: changed.length }) : ctx.t('fix.nothing'));
  }
  if (options.write && !fixes.some((f) => f.outcome === 'fixed') && refused.length === 0) ctx.err(ctx.t('fix.nothing'));
  return refused.length > 0;
}

function diffOf(f: FileFix): string {
  return createTwoFilesPatch(`a/${f.file}`, `b/${f.file}`, f.before, f.after, undefined, undefined, { context: 3 });
}
