/** `<ref>` → one runbook: a path to a `.md` file, an id (any case) or an alias; otherwise "did you mean …". */
import { existsSync, lstatSync } from 'node:fs';
import { resolve } from 'node:path';
import { LoadError } from '../errors.js';
import { closestName } from '../parse/step-options.js';
import { displayPath, loadCatalog, type Catalog } from './catalog.js';
import { loadRunbook, type LoadedRunbook } from './load-runbook.js';
import type { SearchDir } from './search-path.js';

export function looksLikePath(ref: string): boolean {
  return ref.includes('/') || ref.includes('\\') || ref.toLowerCase().endsWith('.md');
}

export function findInCatalog(ref: string, catalog: Catalog): LoadedRunbook | undefined {
  const key = ref.toLowerCase();
  return (
    catalog.entries.find((e) => e.runbook.id.toLowerCase() === key) ??
    catalog.entries.find((e) => e.runbook.frontMatter.aliases.some((a) => a.toLowerCase() === key))
  );
}

export async function resolveRef(ref: string, options: { dirs: SearchDir[]; cwd: string; cacheDir?: string | undefined }): Promise<LoadedRunbook> {
  const asPath = resolve(options.cwd, ref);
  if (looksLikePath(ref) || isFile(asPath)) {
    return loadRunbook(asPath, { display: displayPath(asPath, options.cwd), cacheDir: options.cacheDir });
  }
  const catalog = await loadCatalog(options.dirs, options.cwd, options.cacheDir);
  const found = findInCatalog(ref, catalog);
  if (found) return found;
  const names = catalog.entries.flatMap((e) => [e.runbook.id, ...e.runbook.frontMatter.aliases]);
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
