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
import { readCache, writeCache } from './cache.js';
import { contentKey, rememberContentKey, statKey, trustedContentKey } from './file-set-key.js';
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
  // Each search folder walked once, for both keys.
  const files = cacheDir === undefined ? [] : dirs.flatMap((dir) => findMarkdownFiles(dir.path));
  const salt = saltOf(dirs, cwd);
  const fast = cacheDir === undefined ? undefined : statKey(salt, files);
  const known = cacheDir !== undefined && fast !== undefined ? trustedContentKey(cacheDir, fast) : undefined;
  if (known !== undefined) {
    const cached: unknown = readCache(cacheDir, known);
    if (isSummary(cached)) return cached;
  }
  const key = cacheDir === undefined ? undefined : contentKey(salt, files);
  const remember = () => {
    if (cacheDir !== undefined && fast !== undefined && key !== undefined) rememberContentKey(cacheDir, fast, key);
  };
  if (key !== undefined) {
    const cached: unknown = readCache(cacheDir, key);
    if (isSummary(cached)) {
      remember();
      return cached;
    }
  }
  // A miss is the full catalog: its parse and graph modules are loaded only then.
  const { loadCatalog } = await import('./catalog.js');
  const catalog = await loadCatalog(dirs, cwd, cacheDir);
  const summary: CatalogSummary = {
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
  if (key !== undefined) writeCache(cacheDir, key, summary);
  remember();
  return summary;
}

/** The runbook a reference names: its id (any case), else one of its aliases. */
export function findHead(ref: string, heads: RunbookHead[]): RunbookHead | undefined {
  const key = ref.toLowerCase();
  return heads.find((h) => h.id.toLowerCase() === key) ?? heads.find((h) => h.aliases.some((a) => a.toLowerCase() === key));
}
