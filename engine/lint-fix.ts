/**
 * `lint --fix` and `--fix-dry-run`: each runbook lint would lint, rewritten
 * into the native form (`parse/fix.ts`); written safely in place
 * (`catalog/write-fixed.ts`) or only compared. Files that cannot be read are
 * left to lint, which reports them.
 */
import { isRunbook, loadFiles } from './catalog/catalog.js';
import { writeFixed } from './catalog/write-fixed.js';
import type { LintTarget } from './lint.js';
import { fixSource, mayNeedFix, type FixCounts } from './parse/fix.js';

export interface FileFix {
  /** The path as shown (relative to the working directory). */
  file: string;
  path: string;
  before: string;
  after: string;
  counts: FixCounts;
  outcome: 'unchanged' | 'fixed' | 'would-fix' | 'changed-since-read' | 'steps-changed';
}

export async function fixFiles(targets: LintTarget[], options: { cwd: string; cacheDir?: string | undefined; write: boolean }): Promise<FileFix[]> {
  const explicit = new Set(targets.filter((t) => t.explicit).map((t) => t.path));
  const { loaded } = await loadFiles(targets, options.cwd, options.cacheDir);
  const fixes: FileFix[] = [];
  for (const l of loaded.filter((one) => explicit.has(one.runbook.path) || isRunbook(one))) {
    const base = { file: l.display, path: l.runbook.path, before: l.source };
    if (!mayNeedFix(l.diagnostics.map((d) => d.rule))) {
      fixes.push({ ...base, after: l.source, counts: { labelled: 0, transcripts: 0, destructive: 0, params: 0 }, outcome: 'unchanged' });
      continue;
    }
    const rules = l.diagnostics.map((d) => d.rule);
    // Inferred rollback or alternative sections hold only while nothing is marked destructive.
    const marks = !rules.includes('rollback-section-inferred') && !rules.includes('alternatives-inferred');
    const result = fixSource(l.source, l.runbook.path, { marks });
    if (!result.ok) {
      fixes.push({ ...base, after: l.source, counts: { labelled: 0, transcripts: 0, destructive: 0, params: 0 }, outcome: 'steps-changed' });
      continue;
    }
    if (result.text === l.source) {
      fixes.push({ ...base, after: l.source, counts: result.counts, outcome: 'unchanged' });
      continue;
    }
    const outcome = options.write ? (writeFixed(l.runbook.path, l.source, result.text) === 'written' ? 'fixed' : 'changed-since-read') : 'would-fix';
    fixes.push({ ...base, after: result.text, counts: result.counts, outcome });
  }
  return fixes;
}
