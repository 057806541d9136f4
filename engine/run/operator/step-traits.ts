/** How a step is described to an operator, shared by `show` and `play`. */
import type { Translate } from '../../i18n/translate.js';
import type { Step } from '../../model.js';
import { formatDuration } from '../../parse/duration.js';

export function stepTraits(step: Step, t: Translate): string[] {
  const traits: string[] = [];
  if (step.rollbackHeading !== undefined) traits.push(t('trait.rollbackHeading', { section: step.rollbackHeading }));
  if (step.kind === 'manual') {
    traits.push(t('trait.manual'));
    return traits;
  }
  if (step.destructive) traits.push(`⚠ ${t('trait.destructive')}`);
  if (step.interactive) traits.push(t('trait.interactive'));
  if (step.timeoutMs !== undefined) traits.push(t('trait.timeout', { duration: formatDuration(step.timeoutMs) }));
  if (step.retry > 0) traits.push(t('trait.retry', { count: step.retry, delay: formatDuration(step.delayMs) }));
  if (step.waitMs !== undefined) {
    const wait = { duration: formatDuration(step.waitMs), interval: formatDuration(step.intervalMs) };
    traits.push(step.giveUp ? t('trait.waitGiveUp', { ...wait, codes: step.giveUp.join(', ') }) : t('trait.wait', wait));
  }
  if (step.capture !== undefined) traits.push(t(step.secretCapture ? 'trait.captureSecret' : 'trait.capture', { name: step.capture }));
  if (step.if !== undefined) traits.push(t('trait.if', { condition: step.if }));
  if (step.onFailure !== undefined) traits.push(t('trait.onFailure', { step: step.onFailure }));
  if (step.continueOnError) traits.push(t('trait.continueOnError'));
  if (step.cwd !== undefined) traits.push(t('trait.cwd', { path: step.cwd }));
  if (step.expect) traits.push(t('trait.expect', { mode: step.expect.mode }));
  if (step.excluded === true) traits.push(t('trait.excluded'));
  if (step.needs.length > 0) traits.push(t('trait.needs', { steps: step.needs.join(', ') }));
  return traits;
}

export function indent(text: string, prefix = '    '): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : `${prefix}${line}`))
    .join('\n');
}
