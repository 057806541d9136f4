/** `runbook lint`: every problem in every runbook at once; exit 1 on any error. Usable as a CI step. */
import { lstatSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { cacheDir } from '../../catalog/cache.js';
import { crossFileDiagnostics, isRunbook, loadFiles } from '../../catalog/catalog.js';
import { findMarkdownFiles } from '../../catalog/find-files.js';
import { diagnostic, msg, sortDiagnostics } from '../../diagnostics.js';
import { UsageError } from '../../errors.js';
import type { Diagnostic } from '../../model.js';
import type { CliContext } from '../context.js';
import { flag, formatValue, type ParsedArgs } from '../parse-args.js';
import { localize, printDiagnostics } from '../present/diagnostics.js';
import { dirsFor } from '../runbook-source.js';

function targets(ctx: CliContext, args: ParsedArgs): { path: string; explicit: boolean }[] {
  if (args.positionals.length === 0) {
    const local = dirsFor(ctx, args, false);
    const dirs = local.length > 0 ? local : dirsFor(ctx, args);
    return dirs.flatMap((d) => findMarkdownFiles(d.path).map((path) => ({ path, explicit: false })));
  }
  return args.positionals.flatMap((p): { path: string; explicit: boolean }[] => {
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
  const files = targets(ctx, args);
  const explicit = new Set(files.filter((f) => f.explicit).map((f) => f.path));
  const { loaded, diagnostics: unreadable } = await loadFiles(files, ctx.cwd, cacheDir(ctx.env));
  const linted = loaded.filter((l) => explicit.has(l.runbook.path) || isRunbook(l));
  const found: Diagnostic[] = [...unreadable, ...linted.flatMap((l) => l.diagnostics), ...crossFileDiagnostics(linted)];
  for (const l of linted) {
    if (l.runbook.steps.length === 0) found.push(diagnostic(l.display, { line: 1, column: 1 }, 'warning', 'no-steps', msg('no-steps')));
  }
  const strict = flag(args, 'strict');
  const diagnostics = sortDiagnostics(found.map((d) => (strict && d.severity === 'warning' ? { ...d, severity: 'error' as const } : d)));
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const fileCount = linted.length + unreadable.length;
  const format = formatValue(args, 'text');
  if (format === 'json') {
    ctx.out(JSON.stringify({ files: fileCount, errors, warnings, diagnostics: diagnostics.map((d) => localize(d, ctx)) }, null, 2));
  } else {
    printDiagnostics(ctx, diagnostics, format === 'github' ? 'github' : 'text', ctx.stdout);
    const summary = diagnostics.length === 0 ? ctx.t('lint.clean', { count: fileCount }) : ctx.t('lint.summary', { count: fileCount, errors, warnings });
    ctx.err(errors > 0 ? ctx.style.red(summary) : diagnostics.length > 0 ? ctx.style.yellow(summary) : ctx.style.green(summary));
  }
  return errors > 0 ? 1 : 0;
}
