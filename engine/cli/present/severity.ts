/** A runbook's severity (`critical`, `high`…) as the screen shows it, in the operator's language; JSON keeps the value. */
import type { Translate } from '../../i18n/translate.js';
import type { Severity } from '../../model.js';

const KEYS = { critical: 'severity.critical', high: 'severity.high', medium: 'severity.medium', low: 'severity.low' } as const;

export function severityWord(t: Translate, severity: Severity | null | undefined): string {
  return severity ? t(KEYS[severity]) : '';
}
