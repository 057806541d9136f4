/**
 * All runbooks reachable from the search path, with cross-file checks:
 * duplicate ids and aliases. A runbook found earlier on the search path
 * shadows one with the same id found later (so a team can override a
 * shipped runbook); duplicates within one folder are errors.
 */
import { relative, sep } from 'node:path';
import { diagnostic, DiagnosticList, msg } from '../diagnostics.js';
import { RunbookError } from '../errors.js';
import type { Diagnostic, FrontMatter } from '../model.js';
import { findMarkdownFiles } from './find-files.js';
import { loadRunbook, type LoadedRunbook } from './load-runbook.js';
import type { SearchDir } from './search-path.js';

export interface CatalogEntry extends LoadedRunbook {
  dir: SearchDir;
}

export interface Catalog {
  entries: CatalogEntry[];
  /** Files that could not be read, and cross-file problems. */
  diagnostics: Diagnostic[];
}

export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) ? rel : path;
}

/** Whether the front matter sets a key only a runbook has (a documentation page's `title`, `tags` or `description` are not among them). */
function hasRunbookKey(fm: FrontMatter): boolean {
  const { requires: r } = fm;
  return (
    [fm.id, fm.severity, fm.estimated, fm.downtime, fm.shell, fm.timeoutMs, fm.escalation].some((v) => v !== undefined) ||
    [fm.aliases, fm.preconditions, fm.mask, r.commands, r.env, r.files, Object.keys(fm.params), Object.keys(fm.environments)].some((list) => list.length > 0)
  );
}

/** A runbook file is one with at least one step, or with front matter holding a runbook key. */
export function isRunbook(loaded: LoadedRunbook): boolean {
  return loaded.runbook.steps.length > 0 || (loaded.runbook.hasFrontMatter && hasRunbookKey(loaded.runbook.frontMatter));
}

/** Pages with front matter that are not runbooks (no steps, no runbook key): a documentation site's pages. */
export function isPageNotRunbook(loaded: LoadedRunbook): boolean {
  return loaded.runbook.hasFrontMatter && !isRunbook(loaded);
}

export async function loadFiles(files: { path: string; dir?: SearchDir }[], cwd: string, cacheDir?: string): Promise<{ loaded: (LoadedRunbook & { dir?: SearchDir })[]; diagnostics: Diagnostic[] }> {
  const loaded: (LoadedRunbook & { dir?: SearchDir })[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const display = displayPath(file.path, cwd);
    try {
      const one = await loadRunbook(file.path, { display, cacheDir });
      loaded.push(file.dir ? { ...one, dir: file.dir } : one);
    } catch (error) {
      if (!(error instanceof RunbookError)) throw error;
      // The error's own message key (`error.fileNotFound`…), so it is translated like the rest.
      const reason = { messageId: error.key, data: error.vars };
      diagnostics.push(diagnostic(display, { line: 1, column: 1 }, 'error', 'file-unreadable', msg('file-unreadable', { reason })));
    }
  }
  return { loaded, diagnostics };
}

export async function loadCatalog(dirs: SearchDir[], cwd: string, cacheDir?: string): Promise<Catalog> {
  const files = dirs.flatMap((dir) => findMarkdownFiles(dir.path).map((path) => ({ path, dir })));
  const { loaded, diagnostics } = await loadFiles(files, cwd, cacheDir);
  const runbooks = loaded.filter((e): e is CatalogEntry => e.dir !== undefined && isRunbook(e));
  disambiguatePlainIds(runbooks);
  const entries: CatalogEntry[] = [];
  const owner = new Map<string, CatalogEntry>();
  for (const entry of runbooks) {
    const key = entry.runbook.id.toLowerCase();
    const first = owner.get(key);
    if (first && first.dir.path !== entry.dir.path) continue; // shadowed by an earlier folder
    entries.push(entry);
    if (!first) owner.set(key, entry);
  }
  diagnostics.push(...crossFileDiagnostics(entries));
  return { entries, diagnostics };
}

/** Plain Markdown files take their id from the file name; when two collide, from their relative path. */
function disambiguatePlainIds(entries: CatalogEntry[]): void {
  const count = new Map<string, number>();
  for (const e of entries) if (e.runbook.frontMatter.id === undefined) count.set(e.runbook.id.toLowerCase(), (count.get(e.runbook.id.toLowerCase()) ?? 0) + 1);
  for (const e of entries) {
    if (e.runbook.frontMatter.id !== undefined || (count.get(e.runbook.id.toLowerCase()) ?? 0) < 2) continue;
    e.runbook = { ...e.runbook, id: relative(e.dir.path, e.runbook.path).replace(/\.md$/i, '').split(sep).join('/') };
  }
}

export function crossFileDiagnostics(entries: LoadedRunbook[]): Diagnostic[] {
  const result: Diagnostic[] = [];
  const names = new Map<string, { entry: LoadedRunbook; kind: 'id' | 'alias' }>();
  const claim = (entry: LoadedRunbook, name: string, kind: 'id' | 'alias') => {
    const key = name.toLowerCase();
    const previous = names.get(key);
    if (!previous) {
      names.set(key, { entry, kind });
      return;
    }
    if (previous.entry === entry) return;
    // Two plain Markdown files with the same file name are told apart by their path, not an error.
    if (kind === 'id' && previous.kind === 'id' && entry.runbook.frontMatter.id === undefined && previous.entry.runbook.frontMatter.id === undefined) return;
    const out = new DiagnosticList(entry.display);
    const at = entry.runbook.frontMatter.keyPositions[kind === 'id' ? 'id' : 'aliases'] ?? { line: 1, column: 1 };
    const rule = kind === 'id' && previous.kind === 'id' ? 'duplicate-runbook-id' : 'duplicate-alias';
    out.error(at, rule, msg('duplicate-name', { kind: msg(`word-${kind}`), name, previousKind: msg(`word-${previous.kind}`), file: previous.entry.display }));
    result.push(...out.items);
  };
  for (const entry of entries) claim(entry, entry.runbook.id, 'id');
  for (const entry of entries) for (const alias of entry.runbook.frontMatter.aliases) claim(entry, alias, 'alias');
  return result;
}
