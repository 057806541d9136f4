/**
 * The journal's attempt records (`journal/fold.ts`) → the steps of the
 * report: each attempt with its section and task text (recorded when the run
 * started), its reason in the report's language, and its output excerpt.
 */
import type { Translate } from '../i18n/translate.js';
import type { StepRef } from '../journal/events.js';
import type { AttemptRecord } from '../journal/fold.js';
import { readExcerpt, type Excerpt } from './excerpt.js';
import { renderReason, type RenderedReason } from './reason.js';

export interface StepRecord extends Omit<AttemptRecord, 'pid' | 'pgid' | 'reason' | 'text'>, RenderedReason {
  /** The section heading the step is under. */
  section?: string;
  /** A manual step's task text. */
  text?: string;
  excerpt?: Excerpt;
}

export function collectSteps(records: readonly AttemptRecord[], refs: readonly StepRef[], runDir: string, t: Translate): StepRecord[] {
  const byId = new Map(refs.map((r) => [r.id, r]));
  return records.map((r) => {
    const { pid: _pid, pgid: _pgid, reason, text, id, ...rest } = r;
    const ref = byId.get(id);
    const excerpt = r.log === undefined ? undefined : readExcerpt(runDir, r.log);
    return {
      id,
      ...(ref && { section: ref.section }),
      ...(ref?.kind === 'manual' && { text: ref.text }),
      ...rest,
      ...(ref && { kind: ref.kind }),
      ...renderReason(t, reason, text),
      ...(excerpt && { excerpt }),
    };
  });
}
