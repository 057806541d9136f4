/** `<ref>` → one runbook: a path to a `.md` file, an id (any case) or an alias; otherwise "did you mean …". */
import { existsSync, lstatSync } from 'node:fs';
import { resolve } from 'node:path';
import { LoadError } from '../errors.js';
import { closestName } from '../parse/step-options.js';
import { displayPath } from './catalog.js';
import { loadRunbook, type LoadedRunbook } from './load-runbook.js';
import type { SearchDir } from './search-path.js';
import { findHead, loadCatalogSummary } from './summary.js';

export function looksLikePath(ref: string): boolean {
  return ref.includes('/') || ref.includes('\\') || ref.toLowerCase().endsWith('.md');
}

export async function resolveRef(ref: string, options: { dirs: SearchDir[]; cwd: string; cacheDir?: string | undefined }): Promise<LoadedRunbook> {
  const asPath = resolve(options.cwd, ref);
  if (looksLikePath(ref) || isFile(asPath)) {
    return loadRunbook(asPath, { display: displayPath(asPath, options.cwd), cacheDir: options.cacheDir });
  }
  // The catalog in brief finds the file; only that runbook is then loaded in full.
  const { heads } = await loadCatalogSummary(options.dirs, options.cwd, options.cacheDir);
  const head = findHead(ref, heads);
  if (head) {
    const loaded = await loadRunbook(head.path, { display: head.display, cacheDir: options.cacheDir });
    // A plain file whose name another plain file shares takes its id from its path (the catalog's rule).
    return loaded.runbook.id === head.id ? loaded : { ...loaded, runbook: { ...loaded.runbook, id: head.id } };
  }
  const names = heads.flatMap((h) => [h.id, ...h.aliases]);
  const hint = closestName(ref, names);
  throw new LoadError(hint ? 'error.unknownRefHint' : 'error.unknownRef', { ref, hint: hint ?? '' });
}

function isFile(path: string): boolean {
  try {
    return existsSync(path) && lstatSync(path).isFile();
  } catch {
    return false;
  }
}
