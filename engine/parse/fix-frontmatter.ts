/**
 * `lint --fix`: inferred params declared in the front matter. yaml's Document
 * API finds where `params` is (and renders the new entries); the new text is
 * spliced in, so every existing line keeps its bytes, comments and order.
 * A front matter is created when the file has none; one that does not parse
 * is left alone. Rare shapes (a flow-style or empty `params`) are rewritten
 * as a whole document, which keeps keys and comments but may respace lines.
 */
import type { Yaml } from 'mdast';
import { Document, isMap, isScalar, parseDocument, type YAMLMap } from 'yaml';
import type { InferredParam } from '../model.js';

export interface Splice {
  start: number;
  end: number;
  text: string;
}

const TO_STRING = { lineWidth: 0 } as const;

function entries(params: readonly InferredParam[]): Record<string, Record<string, string | boolean>> {
  return Object.fromEntries(params.map((p) => [p.name, { ...(p.description !== '' && { description: p.description }), required: true }]));
}

function render(value: unknown): string {
  return new Document(value).toString(TO_STRING);
}

export function declareParams(text: string, yaml: Yaml | undefined, params: readonly InferredParam[]): Splice | undefined {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = (s: string) => (eol === '\n' ? s : s.replace(/\n/g, eol));
  if (!yaml) return { start: 0, end: 0, text: lines(`---\n${render({ params: entries(params) })}---\n\n`) };
  const start = yaml.position?.start.offset;
  const end = yaml.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  const value = yaml.value;
  const doc = parseDocument(value);
  if (doc.errors.length > 0 || (doc.contents !== null && !isMap(doc.contents))) return undefined;
  const existing = doc.get('params', true);
  const missing = params.filter((p) => !(isMap(existing) && existing.has(p.name)));
  if (missing.length === 0) return undefined;
  // The value starts on the line after the opening `---` (the value's own text is in the source as is).
  const valueStart = text.indexOf('\n', start) + 1;
  if (value === '' || valueStart === 0 || text.slice(valueStart, valueStart + value.length) !== value.replace(/\n/g, eol)) {
    return whole(doc, existing, missing, start, end, lines);
  }
  if (existing === undefined) {
    return { start: valueStart + value.length, end: valueStart + value.length, text: lines(`\n${render({ params: entries(missing) })}`.trimEnd()) };
  }
  if (!isMap(existing) || existing.flow || existing.items.length === 0 || !existing.range) return whole(doc, existing, missing, start, end, lines);
  const at = blockEnd(value, existing);
  const indent = ' '.repeat(columnOf(value, firstKeyOffset(existing) ?? at));
  const block = render(entries(missing)).trimEnd().split('\n').map((l) => indent + l).join('\n');
  return { start: valueStart + at, end: valueStart + at, text: lines(`\n${block}`) };
}

/** The whole front matter re-rendered by yaml (keys, order and comments kept). */
function whole(doc: Document, existing: unknown, missing: readonly InferredParam[], start: number, end: number, lines: (s: string) => string): Splice | undefined {
  if (existing === undefined || (isScalar(existing) && existing.value === null)) doc.set('params', doc.createNode(entries(missing)));
  else if (isMap(existing)) for (const [name, entry] of Object.entries(entries(missing))) existing.set(name, doc.createNode(entry));
  else return undefined;
  return { start, end, text: lines(`---\n${doc.toString(TO_STRING)}---`) };
}

function firstKeyOffset(map: YAMLMap): number | undefined {
  const key = map.items[0]?.key;
  return key !== null && typeof key === 'object' && 'range' in key && Array.isArray(key.range) ? (key.range[0] as number) : undefined;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** The end of the map's last non-blank line. */
function blockEnd(text: string, map: YAMLMap): number {
  let at = Math.min(map.range?.[1] ?? text.length, text.length);
  while (at > 0 && /\s/.test(text[at - 1] as string)) at--;
  const newline = text.indexOf('\n', at);
  return newline === -1 ? text.length : newline;
}
