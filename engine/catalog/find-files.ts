/** Every `*.md` file under a folder, recursively, in a stable order (`README.md` included: one with steps is a runbook); hidden and vendored folders are skipped. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { byCodeUnit } from '../order.js';

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist']);

export function findMarkdownFiles(dir: string): string[] {
  const files: string[] = [];
  const visit = (folder: string) => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => byCodeUnit(a.name, b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) visit(full);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && entry.name.toLowerCase().endsWith('.md')) {
        files.push(full);
      }
    }
  };
  visit(dir);
  return files;
}
