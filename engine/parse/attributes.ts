/**
 * Step attributes from a fence's info string, after the language:
 *   { id=stop-backend destructive timeout=60s if="test \"$S\" != UP" }
 *   {"name":"stop-backend","interactive":true}        (Runme's JSON form)
 * A tiny scanner over the info string (not over Markdown): values may be
 * bare, "double" or 'single' quoted, with backslash escapes in double quotes.
 */
import { msg } from '../diagnostics.js';
import type { DiagnosticMessage } from '../model.js';

export type AttributeValue = string | true;

export interface AttributeProblem {
  /** Offset into the info string's meta part. */
  offset: number;
  rule: 'attribute-syntax' | 'fence-info-ignored';
  severity: 'error' | 'warning';
  message: DiagnosticMessage;
}

export interface ParsedAttributes {
  attributes: Record<string, AttributeValue>;
  /** Offset of each key in the meta text, for positions of later diagnostics. */
  offsets: Record<string, number>;
  problems: AttributeProblem[];
}

export function parseAttributes(meta: string | null | undefined): ParsedAttributes {
  const result: ParsedAttributes = { attributes: {}, offsets: {}, problems: [] };
  const text = meta ?? '';
  if (text.trim() === '') return result;
  // Text that is not an attribute block (a comment, `title="x"`, Pandoc's `{.line-numbers}`) is
  // ignored with a warning: the block still runs, so a foreign runbook stays playable.
  const lead = text.length - text.trimStart().length;
  const open = braceStart(text);
  if (open === -1) {
    result.problems.push({ offset: lead, rule: 'fence-info-ignored', severity: 'warning', message: msg('fence-info-ignored', { text: text.trim() }) });
    return result;
  }
  if (text.slice(0, open).trim() !== '') {
    result.problems.push({ offset: lead, rule: 'fence-info-ignored', severity: 'warning', message: msg('fence-info-ignored', { text: text.slice(0, open).trim() }) });
  }
  const close = text.lastIndexOf('}');
  if (close < open) {
    result.problems.push({ offset: text.length, rule: 'attribute-syntax', severity: 'error', message: msg('attributes-unclosed') });
    return result;
  }
  const trailing = text.slice(close + 1);
  if (trailing.trim() !== '') {
    result.problems.push({
      offset: close + 1 + (trailing.length - trailing.trimStart().length),
      rule: 'attribute-syntax', severity: 'error',
      message: msg('attributes-trailing', { text: trailing.trim() }),
    });
  }
  const body = text.slice(open + 1, close);
  if (body.trimStart().startsWith('"')) parseJsonForm(text.slice(open, close + 1), open, result);
  else scanPairs(body, open + 1, result);
  return result;
}

/** Where the attribute block starts: a `{` at the start of a word that is not Pandoc's `{.class}` or `{#id}`; -1 if none. */
function braceStart(text: string): number {
  for (let i = text.indexOf('{'); i !== -1; i = text.indexOf('{', i + 1)) {
    const before = text[i - 1];
    const after = text.slice(i + 1).trimStart()[0];
    if ((before === undefined || before === ' ' || before === '\t') && after !== '.' && after !== '#') return i;
  }
  return -1;
}

function parseJsonForm(json: string, base: number, result: ParsedAttributes): void {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    result.problems.push({
      offset: base,
      rule: 'attribute-syntax', severity: 'error',
      message: msg('attributes-json', { reason: (error as Error).message }),
    });
    return;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    const at = json.indexOf(`"${key}"`);
    result.offsets[key] = base + Math.max(at, 0);
    if (raw === true) result.attributes[key] = true;
    else if (raw === false || raw === null) continue;
    else if (Array.isArray(raw)) result.attributes[key] = raw.map(String).join(',');
    else result.attributes[key] = String(raw);
  }
}

function scanPairs(body: string, base: number, result: ParsedAttributes): void {
  let i = 0;
  const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === ',';
  while (i < body.length) {
    while (i < body.length && isSpace(body[i])) i++;
    if (i >= body.length) break;
    const keyStart = i;
    while (i < body.length && !isSpace(body[i]) && body[i] !== '=') i++;
    const key = body.slice(keyStart, i);
    if (key === '') {
      result.problems.push({ offset: base + i, rule: 'attribute-syntax', severity: 'error', message: msg('attribute-name-missing') });
      i++;
      continue;
    }
    result.offsets[key] = base + keyStart;
    if (body[i] !== '=') {
      result.attributes[key] = true;
      continue;
    }
    i++;
    const quote = body[i];
    if (quote === '"' || quote === "'") {
      const valueStart = i;
      i++;
      let value = '';
      let closed = false;
      while (i < body.length) {
        const c = body[i] as string;
        if (c === '\\' && quote === '"' && i + 1 < body.length) {
          value += body[i + 1];
          i += 2;
          continue;
        }
        if (c === quote) {
          closed = true;
          i++;
          break;
        }
        value += c;
        i++;
      }
      if (!closed) {
        result.problems.push({
          offset: base + valueStart,
          rule: 'attribute-syntax', severity: 'error',
          message: msg('attribute-quote-unclosed', { quote, key }),
        });
      }
      result.attributes[key] = value;
    } else {
      // A bare value runs to the next space; a comma inside it belongs to it (`needs=a,b`),
      // a comma followed by a space or the end separates attributes (`id=a, destructive`).
      const valueStart = i;
      while (i < body.length && body[i] !== ' ' && body[i] !== '\t' && !(body[i] === ',' && (i + 1 >= body.length || isSpace(body[i + 1])))) i++;
      result.attributes[key] = body.slice(valueStart, i);
    }
  }
}
