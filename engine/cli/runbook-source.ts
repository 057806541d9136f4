/** Shared by commands that read runbooks: the search path, the cache and `<ref>` resolution from the command's flags. */
import { cacheDir } from '../catalog/cache.js';
import type { LoadedRunbook } from '../catalog/load-runbook.js';
import { loadCatalogSummary, type CatalogSummary } from '../catalog/summary.js';
import { searchDirs, type SearchDir } from '../catalog/search-path.js';
import { UsageError } from '../errors.js';
import type { CliContext } from './context.js';
import { listValue, type ParsedArgs } from './parse-args.js';

export function dirsFor(ctx: CliContext, args: ParsedArgs, shipped = true): SearchDir[] {
  return searchDirs({ dirs: listValue(args, 'dir'), env: ctx.env, cwd: ctx.cwd, shipped });
}

/** The catalog in brief (ids, titles, step counts, paths): what `list` and completion show. */
export function summaryFor(ctx: CliContext, args: ParsedArgs, onlyDirs = false): Promise<CatalogSummary> {
  const dirs = dirsFor(ctx, args);
  return loadCatalogSummary(onlyDirs ? dirs.filter((d) => d.origin === 'dir') : dirs, ctx.cwd, cacheDir(ctx.env));
}

export function requireRef(args: ParsedArgs, command: string): string {
  const ref = args.positionals[0];
  if (ref === undefined) throw new UsageError('error.missingRef', { command });
  if (args.positionals.length > 1) throw new UsageError('error.extraArgs', { command, extra: args.positionals.slice(1).join(' ') });
  return ref;
}

export async function runbookFor(ctx: CliContext, args: ParsedArgs, command: string): Promise<LoadedRunbook> {
  const { resolveRef } = await import('../catalog/resolve.js');
  return resolveRef(requireRef(args, command), { dirs: dirsFor(ctx, args), cwd: ctx.cwd, cacheDir: cacheDir(ctx.env) });
}
