/**
 * What the report takes from the runbook source copied into the journal at
 * run start: owner, escalation contacts, and for each step its section and
 * (for manual steps) the task text. The journal is the only input: the file
 * on disk may have changed since.
 */
import { basename } from 'node:path';
import { cacheKey, readCache } from '../catalog/cache.js';
import type { Runbook } from '../model.js';
import { parseRunbook } from '../parse/parse-runbook.js';
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

/** @param cacheDir the parse cache: the run's source was parsed (and cached) when the run started. */
export function sourceInfo(source: string | undefined, path: string, cacheDir?: string): SourceInfo {
  if (typeof source !== 'string' || source === '') return { steps: {} };
  let runbook = readCache<{ runbook: Runbook }>(cacheDir, cacheKey(engineVersion(), basename(path), source))?.runbook;
  try {
    runbook ??= parseRunbook(source, path).runbook;
  } catch {
    return { steps: {} };
  }
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
