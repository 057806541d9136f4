/**
 * `lint --fix`: inferred params declared in the front matter, edited with
 * yaml's Document API so existing keys keep their order, comments and style.
 * A front matter is created when the file has none; one that does not parse
 * (or whose `params` is not a mapping) is left alone.
 */
import type { Yaml } from 'mdast';
import { isMap, isScalar, parseDocument, Document } from 'yaml';
import type { InferredParam } from '../model.js';

export interface Splice {
  start: number;
  end: number;
  text: string;
}

const TO_STRING = { lineWidth: 0 } as const;

function entry(p: InferredParam): Record<string, string | boolean> {
  return { ...(p.description !== '' && { description: p.description }), required: true };
}

export function declareParams(text: string, yaml: Yaml | undefined, params: readonly InferredParam[]): Splice | undefined {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = (s: string) => (eol === '\n' ? s : s.replace(/\n/g, eol));
  if (!yaml) {
    const doc = new Document({ params: Object.fromEntries(params.map((p) => [p.name, entry(p)])) });
    return { start: 0, end: 0, text: lines(`---\n${doc.toString(TO_STRING)}---\n\n`) };
  }
  const start = yaml.position?.start.offset;
  const end = yaml.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  const doc = parseDocument(yaml.value);
  if (doc.errors.length > 0) return undefined;
  if (doc.contents !== null && !isMap(doc.contents)) return undefined;
  const existing = doc.get('params', true);
  if (existing === undefined || (isScalar(existing) && existing.value === null)) {
    doc.set('params', doc.createNode({}));
  } else if (!isMap(existing)) {
    return undefined;
  }
  const map = doc.get('params', true);
  if (!isMap(map)) return undefined;
  for (const p of params) if (!map.has(p.name)) map.set(p.name, doc.createNode(entry(p)));
  return { start, end, text: lines(`---\n${doc.toString(TO_STRING)}---`) };
}
