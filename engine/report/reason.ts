/** A journal reason as the report and `--json` show it: its id and data, and the sentence in the report's language. */
import { missingText } from '../i18n/missing-text.js';
import type { Translate } from '../i18n/translate.js';
import type { Reason, ReasonData } from '../journal/events.js';

export interface RenderedReason {
  /** The message key (`reason.notSelected`, `error.paramsMissing`…); stable, for scripts. */
  reasonId?: string;
  data?: ReasonData;
  /** The sentence, in the requested language (or the operator's own words). */
  reason?: string;
}

/** The operator's own words win over the engine's reason; either may be absent. */
export function renderReason(t: Translate, why: Reason | undefined, ownWords?: string): RenderedReason {
  if (ownWords !== undefined && ownWords !== '') return { ...(why && { reasonId: why.key, data: why.data }), reason: ownWords };
  if (!why) return {};
  return { reasonId: why.key, data: why.data, reason: t(why.key, why.data) };
}


export { missingText };
