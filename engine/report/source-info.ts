/**
 * What the report takes from the runbook source copied into the journal at
 * run start: owner, escalation contacts, and for each step its section and
 * (for manual steps) the task text. The journal is the only input: the file
 * on disk may have changed since.
 */
import { parseRunbook } from '../parse/parse-runbook.js';

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

export function sourceInfo(source: string | undefined, path: string): SourceInfo {
  if (typeof source !== 'string' || source === '') return { steps: {} };
  let runbook;
  try {
    runbook = parseRunbook(source, path).runbook;
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
