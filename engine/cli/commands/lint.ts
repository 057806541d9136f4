/** `runbook lint`: every problem in every runbook at once; exit 1 on any error. Usable as a CI step. */
import { lstatSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { cacheDir } from '../../catalog/cache.js';
import { findMarkdownFiles } from '../../catalog/find-files.js';
import { UsageError } from '../../errors.js';
import { lintFiles, type LintTarget } from '../../lint.js';
import type { CliContext } from '../context.js';
import { flag, formatValue, type ParsedArgs } from '../parse-args.js';
import { localize, printDiagnostics } from '../present/diagnostics.js';
import { dirsFor } from '../runbook-source.js';

function targets(ctx: CliContext, args: ParsedArgs): LintTarget[] {
  if (args.positionals.length === 0) {
    const local = dirsFor(ctx, args, false);
    const dirs = local.length > 0 ? local : dirsFor(ctx, args);
    return dirs.flatMap((d) => findMarkdownFiles(d.path).map((path) => ({ path, explicit: false })));
  }
  return args.positionals.flatMap((p): LintTarget[] => {
    const full = resolve(ctx.cwd, p);
    let isDir: boolean;
    try {
      isDir = statSync(full).isDirectory();
    } catch {
      // A dangling symlink exists as a path: report it as an unreadable file, not a missing path.
      if (!isLink(full)) throw new UsageError('error.pathNotFound', { path: p, command: 'lint' });
      isDir = false;
    }
    return isDir ? findMarkdownFiles(full).map((path) => ({ path, explicit: false })) : [{ path: full, explicit: true }];
  });
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

export async function run(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const fix = flag(args, 'fix');
  const dryRun = flag(args, 'fix-dry-run');
  if (fix && dryRun) throw new UsageError('error.fixAndDryRun', {});
  // Fixing never reaches the shipped runbooks unless they are named: without paths, only local folders.
  const chosen = fix || dryRun ? (args.positionals.length === 0 ? dirsFor(ctx, args, false).flatMap((d) => findMarkdownFiles(d.path).map((path) => ({ path, explicit: false }))) : targets(ctx, args)) : targets(ctx, args);
  let refused = false;
  if (fix || dryRun) {
    const { reportFixes } = await import('./lint-fix.js');
    refused = await reportFixes(ctx, chosen, { write: fix, json: formatValue(args, 'text') === 'json' });
    if (dryRun) {
      const result = await lintFiles(chosen, { cwd: ctx.cwd, cacheDir: cacheDir(ctx.env), strict: flag(args, 'strict'), env: ctx.env });
      return result.errors > 0 || refused ? 1 : 0;
    }
  }
  const result = await lintFiles(chosen, { cwd: ctx.cwd, cacheDir: cacheDir(ctx.env), strict: flag(args, 'strict'), env: ctx.env });
  const { diagnostics, errors, files } = result;
  const format = formatValue(args, 'text');
  if (format === 'json') {
    ctx.out(JSON.stringify({ files, errors, warnings: result.warnings, infos: result.infos, diagnostics: diagnostics.map((d) => localize(d, ctx)) }, null, 2));
  } else {
    printDiagnostics(ctx, diagnostics, format === 'github' ? 'github' : 'text', ctx.stdout);
    const summary = errors + result.warnings === 0 ? ctx.t('lint.clean', { count: files }) : ctx.t('lint.summary', { count: files, errors, warnings: result.warnings });
    ctx.err(errors > 0 ? ctx.style.red(summary) : result.warnings > 0 ? ctx.style.yellow(summary) : ctx.style.green(summary));
  }
  return errors > 0 || refused ? 1 : 0;
}
