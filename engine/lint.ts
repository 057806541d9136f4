/**
 * `lint` assembled once: every file's own problems (parse and graph), the
 * whole-file rules (`no-steps`), the cross-file rules (duplicate ids and
 * aliases) and `--strict`. Problems are collected, never thrown: one bad
 * stage never hides the problems of another. The CLI only prints the result.
 */
import { crossFileDiagnostics, isRunbook, loadFiles } from './catalog/catalog.js';
import { diagnostic, msg, sortDiagnostics } from './diagnostics.js';
import type { Diagnostic } from './model.js';

export interface LintTarget {
  path: string;
  /** Named on the command line (linted even without front matter or steps). */
  explicit: boolean;
}

export interface LintResult {
  /** Files linted (runbooks and unreadable files). */
  files: number;
  errors: number;
  warnings: number;
  diagnostics: Diagnostic[];
}

export async function lintFiles(targets: LintTarget[], options: { cwd: string; cacheDir?: string | undefined; strict: boolean }): Promise<LintResult> {
  const explicit = new Set(targets.filter((f) => f.explicit).map((f) => f.path));
  const { loaded, diagnostics: unreadable } = await loadFiles(targets, options.cwd, options.cacheDir);
  const linted = loaded.filter((l) => explicit.has(l.runbook.path) || isRunbook(l));
  const found: Diagnostic[] = [...unreadable, ...linted.flatMap((l) => l.diagnostics), ...crossFileDiagnostics(linted)];
  for (const l of linted) {
    if (l.runbook.steps.length === 0) found.push(diagnostic(l.display, { line: 1, column: 1 }, 'warning', 'no-steps', msg('no-steps')));
  }
  const diagnostics = sortDiagnostics(found.map((d) => (options.strict && d.severity === 'warning' ? { ...d, severity: 'error' as const } : d)));
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return { files: linted.length + unreadable.length, errors, warnings: diagnostics.length - errors, diagnostics };
}
