/**
 * `lint` assembled once: every file's own problems (parse and graph), the
 * whole-file rules (`no-steps`), the cross-file rules (duplicate ids and
 * aliases) and `--strict`. Problems are collected, never thrown: one bad
 * stage never hides the problems of another. The CLI only prints the result.
 */
import { dirname } from 'node:path';
import { crossFileDiagnostics, isPageNotRunbook, isRunbook, loadFiles } from './catalog/catalog.js';
import { diagnostic, msg, sortDiagnostics } from './diagnostics.js';
import type { LoadedRunbook } from './catalog/load-runbook.js';
import type { CommandStep, Diagnostic } from './model.js';
import { shellCommand } from './parse/placeholders.js';
import { bashParses } from './parse/shell-syntax.js';
import { bashIdentity, checkSyntaxCached } from './catalog/syntax-cache.js';
import { cachedForFiles } from './catalog/file-set-key.js';

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
  /** What the engine understood (prompts, inferred params and risk…): never an error, not even with `--strict`. */
  infos: number;
  diagnostics: Diagnostic[];
}

export interface LintOptions {
  cwd: string;
  cacheDir?: string | undefined;
  strict: boolean;
  env?: NodeJS.ProcessEnv;
}

const RESULT_SCHEMA = 'lint-result-v1';

function isLintResult(value: unknown): value is LintResult {
  if (typeof value !== 'object' || value === null) return false;
  const v: Record<string, unknown> = { ...value };
  return ['files', 'errors', 'warnings', 'infos'].every((k) => typeof v[k] === 'number') && Array.isArray(v.diagnostics);
}

/**
 * A whole lint is kept in the cache too, keyed by the targets (paths, named or found, and their
 * content, found through their `stat` first: `catalog/file-set-key.ts`), the working directory
 * (diagnostics name files relative to it), `--strict`, the `bash` that checks the commands and
 * the engine version: everything a lint reads. A warm lint of unchanged files reads one entry
 * instead of every file's parse entry and graph. A lint whose commands bash could not check is
 * not kept.
 */
export async function lintFiles(targets: LintTarget[], options: LintOptions): Promise<LintResult> {
  const { cacheDir } = options;
  if (cacheDir === undefined) return (await lintAll(targets, options)).result;
  const salt = [RESULT_SCHEMA, options.cwd, options.strict ? 'strict' : 'normal', bashIdentity(options.env ?? process.env), ...targets.map((t) => (t.explicit ? 'named' : 'found'))].join('\0');
  return cachedForFiles(cacheDir, salt, targets.map((t) => t.path), isLintResult, async () => {
    const { result, complete } = await lintAll(targets, options);
    return { value: result, keep: complete };
  });
}

async function lintAll(targets: LintTarget[], options: LintOptions): Promise<{ result: LintResult; complete: boolean }> {
  let complete = true;
  const explicit = new Set(targets.filter((f) => f.explicit).map((f) => f.path));
  const { loaded, diagnostics: unreadable } = await loadFiles(targets, options.cwd, options.cacheDir);
  const linted = loaded.filter((l) => explicit.has(l.runbook.path) || isRunbook(l));
  const found: Diagnostic[] = [...unreadable, ...linted.flatMap((l) => l.diagnostics), ...crossFileDiagnostics(linted)];
  for (const l of linted) {
    if (l.runbook.steps.length === 0) found.push(diagnostic(l.display, { line: 1, column: 1 }, 'warning', 'no-steps', msg('no-steps')));
  }
  const onUnchecked = () => {
    complete = false;
  };
  found.push(...(await syntaxDiagnostics(linted, { cacheDir: options.cacheDir, env: options.env ?? process.env, onUnchecked })), ...skippedPages(loaded.filter((l) => !explicit.has(l.runbook.path) && isPageNotRunbook(l))));
  const diagnostics = sortDiagnostics(found.map((d) => (options.strict && d.severity === 'warning' ? { ...d, severity: 'error' as const } : d)));
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  return { result: { files: linted.length + unreadable.length, errors, warnings, infos: diagnostics.length - errors - warnings, diagnostics }, complete: complete && unreadable.length === 0 };
}

/** Every command step checked by bash's parser (one checker process, verdicts cached): a command bash cannot parse never runs. */
async function syntaxDiagnostics(linted: LoadedRunbook[], options: { cacheDir?: string | undefined; env: NodeJS.ProcessEnv; onUnchecked: () => void }): Promise<Diagnostic[]> {
  const perFile = linted.map((l) => l.runbook.steps.filter((s): s is CommandStep => s.kind === 'command' && bashParses(s.lang)));
  const verdicts = await checkSyntaxCached(perFile.map((steps) => steps.map((step) => shellCommand(step.command, step.placeholders))), { cacheDir: options.cacheDir, env: options.env, onUnchecked: options.onUnchecked });
  const found: Diagnostic[] = [];
  perFile.forEach((steps, i) => {
    const l = linted[i];
    if (!l) return;
    steps.forEach((step, k) => {
      const problem = verdicts[i]?.[k];
      if (problem) found.push(diagnostic(l.display, step.position, 'warning', 'command-unparsable', msg('command-unparsable', { step: step.id, line: problem.line, detail: problem.detail })));
    });
  });
  return found;
}

/** Once per folder: the files with front matter that are not runbooks, and so are not linted or listed. */
function skippedPages(pages: LoadedRunbook[]): Diagnostic[] {
  const byFolder = new Map<string, LoadedRunbook[]>();
  for (const page of pages) byFolder.set(dirname(page.display), [...(byFolder.get(dirname(page.display)) ?? []), page]);
  return [...byFolder.values()].map((list) => {
    const names = list.map((p) => p.display.slice(p.display.lastIndexOf('/') + 1));
    return diagnostic((list[0] as LoadedRunbook).display, { line: 1, column: 1 }, 'info', 'pages-skipped', msg('pages-skipped', { count: list.length, files: names.join(', ') }));
  });
}
