/**
 * What the report takes from the runbook source copied into the journal at
 * run start: owner, escalation contacts, and for each step its section and
 * (for manual steps) the task text. The journal is the only input: the file
 * on disk may have changed since.
 */
import { basename } from 'node:path';
import { cacheKey, readCache } from '../catalog/cache.js';
import type { Runbook } from '../model.js';
import { engineVersion } from '../version.js';

export interface StepInfo {
  section?: string;
  /** The task text of a manual step. */
  text?: string;
}

export interface SourceInfo {
  owner?: string;
  escalation?: { after?: string; contacts: string[] };
  steps: Record<string, StepInfo>;
}

/**
 * The run's runbook, from the source copied into its journal: read from the
 * parse cache (it was parsed and cached when the run started), parsed again
 * only on a cache miss, so writing a report does not load the Markdown parser.
 */
export async function runbookOfRun(source: string | undefined, path: string, cacheDir?: string): Promise<Runbook | undefined> {
  if (typeof source !== 'string' || source === '') return undefined;
  const cached = readCache<{ runbook: Runbook }>(cacheDir, cacheKey(engineVersion(), basename(path), source))?.runbook;
  if (cached) return cached;
  try {
    const { parseRunbook } = await import('../parse/parse-runbook.js');
    return parseRunbook(source, path).runbook;
  } catch {
    return undefined;
  }
}

export function sourceInfo(runbook: Runbook | undefined): SourceInfo {
  if (!runbook) return { steps: {} };
  const fm = runbook.frontMatter;
  const steps: Record<string, StepInfo> = {};
  for (const step of runbook.steps) {
    const section = runbook.sections[step.section]?.title;
    steps[step.id] = { ...(section !== undefined && { section }), ...(step.kind === 'manual' && { text: step.text }) };
  }
  return {
    ...(fm.owner !== undefined && { owner: fm.owner }),
    ...(fm.escalation && { escalation: { ...(fm.escalation.after !== undefined && { after: fm.escalation.after }), contacts: fm.escalation.contacts } }),
    steps,
  };
}
