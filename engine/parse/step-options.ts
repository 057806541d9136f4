/**
 * Turns a step's raw attributes into typed step options, reporting unknown
 * attributes and values of the wrong shape.
 */
import { didYouMean, msg, type DiagnosticMessageId } from '../diagnostics.js';
import type { CommandStep, DiagnosticMessage } from '../model.js';
import type { AttributeValue } from './attributes.js';
import { parseDuration } from './duration.js';

/** What a step's attributes set: these fields of the step, plus the explicit `id`. */
export type StepOptions = Pick<
  CommandStep,
  'destructive' | 'excluded' | 'timeoutMs' | 'retry' | 'delayMs' | 'waitMs' | 'intervalMs' | 'giveUp' | 'capture' | 'secretCapture' | 'needs' | 'if' | 'onFailure' | 'rollback' | 'continueOnError' | 'cwd' | 'interactive'
> & { id?: string };

export interface OptionProblem {
  key: string;
  rule: 'attribute-unknown' | 'attribute-value' | 'runme-attribute-ignored';
  severity: 'error' | 'info';
  message: DiagnosticMessage;
}

/** Runme cell options this engine accepts and does not use (`info`, never an error). */
export const RUNME_IGNORED: ReadonlySet<string> = new Set(['background', 'interpreter', 'promptEnv', 'terminalRows', 'closeTerminalOnSuccess', 'mimeType', 'category', 'skipPrompts', 'interactivePrompt', 'tag']);

/** A Runme cell id: a ULID (26 characters of Crockford base 32). `name` wins over it. */
export const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/i;

type Kind = 'flag' | 'duration' | 'count' | 'name' | 'text' | 'list' | 'codes';

/** Every attribute a command step accepts, with the shape of its value. */
export const STEP_ATTRIBUTES: Record<string, Kind> = {
  id: 'name',
  name: 'name',
  destructive: 'flag',
  timeout: 'duration',
  retry: 'count',
  delay: 'duration',
  wait: 'duration',
  interval: 'duration',
  giveup: 'codes',
  capture: 'name',
  secret: 'flag',
  needs: 'list',
  if: 'text',
  'on-failure': 'name',
  rollback: 'flag',
  'continue-on-error': 'flag',
  cwd: 'text',
  interactive: 'flag',
  excludeFromRunAll: 'flag',
};

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function closestName(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const score = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (score < bestScore) {
      bestScore = score;
      best = candidate;
    }
  }
  return best !== undefined && bestScore <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j] as number;
      row[j] = Math.min((row[j] as number) + 1, (row[j - 1] as number) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length] as number;
}

export function readStepOptions(attributes: Record<string, AttributeValue>): { options: StepOptions; problems: OptionProblem[] } {
  const problems: OptionProblem[] = [];
  const options: StepOptions = {
    destructive: false,
    retry: 0,
    delayMs: 0,
    intervalMs: 5000,
    secretCapture: false,
    needs: [],
    rollback: false,
    continueOnError: false,
    interactive: false,
    excluded: false,
  };
  const bad = (key: string, expected: DiagnosticMessageId, value: AttributeValue) =>
    problems.push({
      key,
      rule: 'attribute-value',
      severity: 'error',
      message: value === true ? msg('attribute-value-missing', { key, expected: msg(expected) }) : msg('attribute-value', { value, key, expected: msg(expected) }),
    });

  for (const [key, value] of Object.entries(attributes)) {
    const kind = Object.hasOwn(STEP_ATTRIBUTES, key) ? STEP_ATTRIBUTES[key] : undefined;
    if (kind === undefined && RUNME_IGNORED.has(key)) {
      problems.push({ key, rule: 'runme-attribute-ignored', severity: 'info', message: msg('runme-attribute-ignored', { key }) });
      continue;
    }
    if (kind === undefined) {
      const hint = closestName(key, Object.keys(STEP_ATTRIBUTES));
      problems.push({
        key,
        rule: 'attribute-unknown',
        severity: 'error',
        message: msg('attribute-unknown', { key, hint: didYouMean(hint) }),
      });
      continue;
    }
    if (kind === 'flag') {
      if (value !== true && value !== 'true' && value !== 'false') {
        bad(key, 'want-flag', value);
        continue;
      }
      const on = value !== 'false';
      if (key === 'destructive') options.destructive = on;
      else if (key === 'secret') options.secretCapture = on;
      else if (key === 'rollback') options.rollback = on;
      else if (key === 'continue-on-error') options.continueOnError = on;
      else if (key === 'interactive') options.interactive = on;
      else if (key === 'excludeFromRunAll') options.excluded = on;
      continue;
    }
    if (value === true) {
      bad(key, expectedFor(kind, key), value);
      continue;
    }
    switch (kind) {
      case 'duration': {
        const ms = parseDuration(value);
        if (ms === undefined || (key === 'interval' && ms <= 0)) {
          bad(key, 'want-duration', value);
          break;
        }
        if (key === 'timeout') options.timeoutMs = ms;
        else if (key === 'delay') options.delayMs = ms;
        else if (key === 'wait') options.waitMs = ms;
        else options.intervalMs = ms;
        break;
      }
      case 'count': {
        if (!/^\d+$/.test(value)) bad(key, 'want-count', value);
        else options.retry = Number(value);
        break;
      }
      case 'name': {
        const pattern = key === 'capture' ? ENV_NAME : NAME;
        if (!pattern.test(value)) {
          bad(key, key === 'capture' ? 'want-variable' : 'want-step-id', value);
        } else if (key === 'capture') options.capture = value;
        else if (key === 'on-failure') options.onFailure = value;
        else if (!(key === 'id' && ULID.test(value) && typeof attributes.name === 'string')) options.id = value;
        break;
      }
      case 'list': {
        const items = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
        const wrong = items.find((item) => !NAME.test(item));
        if (items.length === 0 || wrong !== undefined) bad(key, 'want-step-list', value);
        else options.needs = items;
        break;
      }
      case 'codes': {
        const items = value.split(',').map((s) => s.trim());
        const codes = items.map((item) => (/^\d{1,3}$/.test(item) ? Number(item) : NaN));
        if (codes.some((code) => !(code >= 1 && code <= 255))) bad(key, 'want-exit-codes', value);
        else options.giveUp = [...new Set(codes)];
        break;
      }
      case 'text': {
        if (value.trim() === '') bad(key, expectedFor(kind, key), value);
        else if (key === 'if') options.if = value;
        else options.cwd = value;
        break;
      }
    }
  }
  return { options, problems };
}

function expectedFor(kind: Kind, key: string): DiagnosticMessageId {
  switch (kind) {
    case 'duration':
      return 'want-duration';
    case 'count':
      return 'want-count';
    case 'list':
      return 'want-step-list';
    case 'codes':
      return 'want-exit-codes';
    case 'name':
      return key === 'capture' ? 'want-variable' : 'want-step-id';
    default:
      return 'want-text';
  }
}
