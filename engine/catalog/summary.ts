/**
 * The catalog in brief: for each runbook on the search path, what `list`, completion and `<ref>`
 * resolution need (id, aliases, title, severity, tags, step count, estimate, path), plus the
 * catalog's own diagnostics, cached as ONE entry keyed by every file's content. A warm `list` or
 * `play <id>` then reads each file (to hash it) and this one entry, instead of every runbook's parse
 * entry and graph (that was most of a warm `list`). Any change to a file, a file added or removed,
 * another search path, working directory or engine version makes a new key; a miss is the full
 * catalog, as before.
 *
 * Hashing every file's content is most of a warm `list` (74 shipped runbooks), so the content key
 * is found through the files' `stat` first (`file-set-key.ts`, Git's index rule).
 */
import type { Diagnostic, Severity } from '../model.js';
import { cachedForFiles } from './file-set-key.js';
import { findMarkdownFiles } from './find-files.js';
import type { SearchDir } from './search-path.js';

export interface RunbookHead {
  id: string;
  aliases: string[];
  title: string;
  severity: Severity | null;
  tags: string[];
  /** Steps of the normal flow. */
  steps: number;
  estimated: string | null;
  /** Absolute path of the file, and of the search-path folder it was found in. */
  path: string;
  dirPath: string;
  display: string;
}

export interface CatalogSummary {
  heads: RunbookHead[];
  diagnostics: Diagnostic[];
}

const SUMMARY_SCHEMA = 'summary-v2';

function isSummary(value: unknown): value is CatalogSummary {
  if (typeof value !== 'object' || value === null) return false;
  const v: Record<string, unknown> = { ...value };
  return Array.isArray(v.heads) && Array.isArray(v.diagnostics);
}

/** What the summary depends on besides the files: the search folders (in order) and the working directory. */
function saltOf(dirs: SearchDir[], cwd: string): string {
  return [SUMMARY_SCHEMA, cwd, ...dirs.map((dir) => `${dir.origin}\0${dir.path}`)].join('\0');
}

export async function loadCatalogSummary(dirs: SearchDir[], cwd: string, cacheDir?: string): Promise<CatalogSummary> {
  const summarize = async () => ({ value: await fullSummary(dirs, cwd, cacheDir), keep: true });
  if (cacheDir === undefined) return (await summarize()).value;
  // Each search folder walked once, for both keys.
  return cachedForFiles(cacheDir, saltOf(dirs, cwd), dirs.flatMap((dir) => findMarkdownFiles(dir.path)), isSummary, summarize);
}

/** A miss is the full catalog: its parse and graph modules are loaded only then. */
async function fullSummary(dirs: SearchDir[], cwd: string, cacheDir: string | undefined): Promise<CatalogSummary> {
  const { loadCatalog } = await import('./catalog.js');
  const catalog = await loadCatalog(dirs, cwd, cacheDir);
  return {
    heads: catalog.entries.map(({ runbook, graph, dir, display }) => ({
      id: runbook.id,
      aliases: runbook.frontMatter.aliases,
      title: runbook.title,
      severity: runbook.frontMatter.severity ?? null,
      tags: runbook.frontMatter.tags,
      steps: graph.flow.length,
      estimated: runbook.frontMatter.estimated ?? null,
      path: runbook.path,
      dirPath: dir.path,
      display,
    })),
    diagnostics: catalog.diagnostics,
  };
}

/** The runbook a reference names: its id (any case), else one of its aliases. */
export function findHead(ref: string, heads: RunbookHead[]): RunbookHead | undefined {
  const key = ref.toLowerCase();
  return heads.find((h) => h.id.toLowerCase() === key) ?? heads.find((h) => h.aliases.some((a) => a.toLowerCase() === key));
}
