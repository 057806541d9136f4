/**
 * The catalog in brief: for each runbook on the search path, what `list`, completion and `<ref>`
 * resolution need (id, aliases, title, severity, tags, step count, estimate, path), plus the
 * catalog's own diagnostics, cached as ONE entry keyed by every file's content. A warm `list` or
 * `play <id>` then reads each file (to hash it) and this one entry, instead of every runbook's parse
 * entry and graph (that was most of a warm `list`). Any change to a file, a file added or removed,
 * another search path, working directory or engine version makes a new key; a miss is the full
 * catalog, as before.
 *
 * Hashing every file's content is most of a warm `list` (74 shipped runbooks), so a second, small
 * entry maps the files' `stat` (device, inode, size, modification and change times) to the content
 * key, as Git's index does: a file whose stat is unchanged is not read. Git's "racily clean" case is
 * handled the same way: a file changed less than RACY_MS before that entry was written could be
 * changed again with the same size and timestamps (file-system timestamp resolution), so such an
 * entry is not trusted and the content decides.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Diagnostic, Severity } from '../model.js';
import { engineVersion } from '../version.js';
import { cacheKey, readCache, writeCache } from './cache.js';
import { findMarkdownFiles } from './find-files.js';
import { readSource } from './read-source.js';
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

const SUMMARY_SCHEMA = 'summary-v1';
const STAT_SCHEMA = 'summary-stat-v1';
const RACY_MS = 2000;

interface StatEntry {
  summaryKey: string;
  /** `Date.now()` when the entry was written. */
  writtenAt: number;
}

function isSummary(value: unknown): value is CatalogSummary {
  if (typeof value !== 'object' || value === null) return false;
  const v: Record<string, unknown> = { ...value };
  return Array.isArray(v.heads) && Array.isArray(v.diagnostics);
}

function isStatEntry(value: unknown): value is StatEntry {
  if (typeof value !== 'object' || value === null) return false;
  const v: Record<string, unknown> = { ...value };
  return typeof v.summaryKey === 'string' && typeof v.writtenAt === 'number';
}

/** Each search folder with its Markdown files, walked once for both keys. */
interface DirFiles {
  dir: SearchDir;
  files: string[];
}

/** The key of every file's path and stat, and the newest change time among them. */
function statKey(listed: DirFiles[], cwd: string): { key: string; newest: number } | undefined {
  const hash = createHash('sha256').update(`${STAT_SCHEMA}\0${engineVersion()}\0${cwd}\0`);
  let newest = 0;
  for (const { dir, files } of listed) {
    hash.update(`dir\0${dir.origin}\0${dir.path}\0`);
    for (const path of files) {
      let stat;
      try {
        stat = statSync(path);
      } catch {
        return undefined;
      }
      newest = Math.max(newest, stat.mtimeMs, stat.ctimeMs);
      hash.update(`${path}\0${stat.dev}\0${stat.ino}\0${stat.size}\0${stat.mtimeMs}\0${stat.ctimeMs}\0`);
    }
  }
  return { key: hash.digest('hex'), newest };
}

/** The content key the stat entry maps to, unless a file changed too close to the entry's writing. */
function trustedKey(cacheDir: string, fast: { key: string; newest: number }): string | undefined {
  const entry: unknown = readCache(cacheDir, fast.key);
  return isStatEntry(entry) && fast.newest < entry.writtenAt - RACY_MS ? entry.summaryKey : undefined;
}

/** The key of the whole catalog: every file's path and content, the folders, the cwd and the engine. */
function summaryKey(listed: DirFiles[], cwd: string): string | undefined {
  const hash = createHash('sha256').update(`${SUMMARY_SCHEMA}\0${engineVersion()}\0${cwd}\0`);
  for (const { dir, files } of listed) {
    hash.update(`dir\0${dir.origin}\0${dir.path}\0`);
    for (const path of files) {
      let source: string;
      try {
        source = readSource(path, path);
      } catch {
        return undefined; // an unreadable file is reported by the full catalog
      }
      hash.update(`${path}\0${cacheKey(engineVersion(), basename(path), source)}\0`);
    }
  }
  return hash.digest('hex');
}

export async function loadCatalogSummary(dirs: SearchDir[], cwd: string, cacheDir?: string): Promise<CatalogSummary> {
  const listed: DirFiles[] = cacheDir === undefined ? [] : dirs.map((dir) => ({ dir, files: findMarkdownFiles(dir.path) }));
  const fast = cacheDir === undefined ? undefined : statKey(listed, cwd);
  const known = cacheDir !== undefined && fast !== undefined ? trustedKey(cacheDir, fast) : undefined;
  if (known !== undefined) {
    const cached: unknown = readCache(cacheDir, known);
    if (isSummary(cached)) return cached;
  }
  const key = cacheDir === undefined ? undefined : summaryKey(listed, cwd);
  const remember = () => {
    if (fast !== undefined && key !== undefined) writeCache(cacheDir, fast.key, { summaryKey: key, writtenAt: Date.now() } satisfies StatEntry);
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
