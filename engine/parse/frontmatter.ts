/**
 * Front matter: YAML text → typed `FrontMatter`, with every problem reported
 * at its real line and column in the Markdown file.
 */
import { isMap, isPair, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { didYouMean, msg, type DiagnosticList } from '../diagnostics.js';
import type { DiagnosticMessage, FrontMatter, Position } from '../model.js';
import { parseDuration } from './duration.js';
import { FRONT_MATTER_KEYS, frontMatterSchema, type RawFrontMatter } from './frontmatter-schema.js';
import { closestName } from './step-options.js';
import { fullMatch } from './full-match.js';

export const EMPTY_FRONT_MATTER: FrontMatter = {
  aliases: [],
  tags: [],
  environments: {},
  params: {},
  requires: { commands: [], env: [], files: [] },
  preconditions: [],
  mask: [],
  keyPositions: {},
};

/**
 * @param text the YAML between the `---` fences
 * @param firstLine the file line on which the YAML text starts
 */
export function parseFrontMatter(text: string, firstLine: number, out: DiagnosticList): FrontMatter {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false, merge: true }); // `<<: *anchor` merges, as YAML defines it; unique keys are checked below in linear time (the library's check is quadratic)
  const at = (offset: number): Position => {
    const pos = lines.linePos(offset);
    return { line: firstLine + pos.line - 1, column: pos.col };
  };
  const duplicates = doc.errors.length === 0 && duplicateKeys(doc, at, out);
  if (doc.errors.length > 0 || duplicates) {
    for (const error of doc.errors) {
      out.error(at(error.pos[0]), 'yaml-syntax', msg('yaml-invalid', { reason: firstSentence(error.message) }));
    }
    return EMPTY_FRONT_MATTER;
  }
  let data: unknown;
  try {
    data = doc.toJS() ?? {};
  } catch (error) {
    // An alias to an anchor that does not exist, or too many aliases: YAML that parses but cannot be read.
    out.error(firstAlias(doc, at) ?? { line: firstLine, column: 1 }, 'yaml-syntax', msg('yaml-invalid', { reason: firstSentence((error as Error).message) }));
    return EMPTY_FRONT_MATTER;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    out.error({ line: firstLine, column: 1 }, 'frontmatter-shape', msg('frontmatter-mapping'));
    return EMPTY_FRONT_MATTER;
  }
  reportUnknownKeys(doc, at, out);
  reportReservedNames(data, doc, at, out, firstLine);
  const parsed = frontMatterSchema.safeParse(data);
  if (parsed.success) return toFrontMatter(parsed.data, doc, at, out, firstLine);
  const bad = new Set<string>();
  for (const issue of parsed.error.issues) {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    out.error(nodePosition(doc, path, at, firstLine), 'frontmatter-shape', msg('frontmatter-value', { path: path.join('.'), reason: issueReason(issue, valueAt(data, path)) }));
    bad.add(String(path[0] ?? ''));
  }
  // Every problem at once: the keys with a wrong shape are left out, and the rest is checked as usual.
  const rest = frontMatterSchema.safeParse(Object.fromEntries(Object.entries(data).filter(([key]) => !bad.has(key))));
  return rest.success ? toFrontMatter(rest.data, doc, at, out, firstLine) : EMPTY_FRONT_MATTER;
}

/** Map keys must be unique (as the YAML spec says): one Set per mapping, so 50,000 keys cost 50,000 look-ups. */
function duplicateKeys(doc: Document, at: (offset: number) => Position, out: DiagnosticList): boolean {
  let found = false;
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = pair.key.value;
        if (seen.has(key)) {
          found = true;
          out.error(at(pair.key.range?.[0] ?? 0), 'yaml-syntax', msg('yaml-invalid', { reason: 'Map keys must be unique' }));
        }
        seen.add(key);
      }
    },
  });
  return found;
}

/** Names that index data must not be properties every JavaScript object has (`__proto__`, `constructor`, `toString`…). */
export function isReservedName(name: string): boolean {
  return name in Object.prototype;
}

/** Environment and param names that are built-in object properties: an error, before the schema could drop them. */
function reportReservedNames(data: object, doc: Document, at: (offset: number) => Position, out: DiagnosticList, firstLine: number): void {
  for (const [section, kind] of [['environments', 'environment'], ['params', 'param']] as const) {
    const names: unknown = Object.hasOwn(data, section) ? valueAt(data, [section]) : undefined;
    if (typeof names !== 'object' || names === null) continue;
    for (const name of Object.keys(names)) {
      if (isReservedName(name)) out.error(nodePosition(doc, [section, name], at, firstLine), 'frontmatter-shape', msg('name-reserved', { kind, name }));
    }
  }
}

/** Why a front matter value has the wrong shape, from a schema issue. */
function issueReason(issue: { code: string; message: string; expected?: unknown; values?: unknown[] }, value: unknown): DiagnosticMessage {
  if (issue.code === 'invalid_type' && typeof issue.expected === 'string') return msg('value-type', { expected: issue.expected, received: kindOf(value) });
  if (issue.code === 'invalid_value' && Array.isArray(issue.values)) return msg('value-choice', { choices: issue.values.map((v) => JSON.stringify(v)).join(', ') });
  return msg('value-other', { detail: issue.message });
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  return Array.isArray(value) ? 'array' : typeof value === 'object' ? 'mapping' : typeof value;
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
  let value = data;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined;
  return value;
}

function firstAlias(doc: Document, at: (offset: number) => Position): Position | undefined {
  let offset: number | undefined;
  visit(doc, {
    Alias: (_key, node) => {
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  return offset === undefined ? undefined : at(offset);
}

function firstSentence(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

function reportUnknownKeys(doc: Document, at: (offset: number) => Position, out: DiagnosticList): void {
  if (!isMap(doc.contents)) return;
  for (const pair of doc.contents.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    if (FRONT_MATTER_KEYS.includes(key)) continue;
    const hint = closestName(key, FRONT_MATTER_KEYS);
    out.warn(at(pair.key.range?.[0] ?? 0), 'frontmatter-unknown-key', msg('frontmatter-unknown-key', { key, count: FRONT_MATTER_KEYS.length, hint: didYouMean(hint) }));
  }
}

export function nodePosition(doc: Document, path: (string | number)[], at: (offset: number) => Position, firstLine: number): Position {
  for (let n = path.length; n > 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return at(node.range[0]);
  }
  return { line: firstLine, column: 1 };
}

function toFrontMatter(raw: RawFrontMatter, doc: Document, at: (offset: number) => Position, out: DiagnosticList, firstLine: number): FrontMatter {
  const where = (...path: (string | number)[]) => nodePosition(doc, path, at, firstLine);
  const durationMs = (value: string | undefined, ...path: string[]): number | undefined => {
    if (value === undefined) return undefined;
    const ms = parseDuration(value);
    if (ms === undefined) out.error(where(...path), 'frontmatter-shape', msg('duration-invalid', { value, path: path.join('.') }));
    return ms;
  };
  for (const key of ['estimated', 'downtime'] as const) durationMs(raw[key], key);
  const fm: FrontMatter = {
    ...(raw.id !== undefined && { id: raw.id }),
    ...(raw.title !== undefined && { title: raw.title }),
    aliases: raw.aliases,
    ...(raw.description !== undefined && { description: raw.description }),
    ...(raw.owner !== undefined && { owner: raw.owner }),
    ...(raw.severity !== undefined && { severity: raw.severity }),
    tags: raw.tags,
    ...(raw.estimated !== undefined && { estimated: raw.estimated }),
    ...(raw.downtime !== undefined && { downtime: raw.downtime }),
    ...(raw.lang !== undefined && { lang: raw.lang }),
    ...(raw.shell !== undefined && { shell: raw.shell }),
    ...(raw.cwd !== undefined && { cwd: raw.cwd }),
    environments: raw.environments,
    params: {},
    requires: raw.requires,
    preconditions: raw.preconditions.map((p, i) => ({ ...p, position: where('preconditions', i, 'run') })),
    mask: raw.mask,
    keyPositions: Object.fromEntries(Object.keys(raw).map((key) => [key, where(key)])),
  };
  const timeoutMs = durationMs(raw.timeout, 'timeout');
  if (timeoutMs !== undefined) fm.timeoutMs = timeoutMs;
  if (raw.escalation) {
    const afterMs = durationMs(raw.escalation.after, 'escalation', 'after');
    fm.escalation = { contacts: raw.escalation.contacts, ...(raw.escalation.after !== undefined && { after: raw.escalation.after }), ...(afterMs !== undefined && { afterMs }) };
  }
  fm.params = Object.fromEntries(Object.entries(raw.params).map(([name, spec]) => [name, checkParam(name, spec, (...p) => where('params', name, ...p), out)]));
  raw.mask.forEach((pattern, i) => {
    if (!isValidRegex(pattern)) out.error(where('mask', i), 'mask-pattern', msg('mask-invalid', { pattern }));
  });
  const defaults = Object.entries(raw.environments).filter(([, e]) => e.default);
  if (defaults.length > 1) {
    out.error(where('environments', defaults[1]?.[0] ?? ''), 'frontmatter-shape', msg('environment-second-default', { name: defaults[1]?.[0] ?? '' }));
  }
  if (defaults[0]?.[1].protected) {
    out.warn(where('environments', defaults[0][0]), 'environment-default-protected', msg('environment-default-protected', { name: defaults[0][0] }));
  }
  for (const name of Object.keys(fm.params)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) out.error(where('params', name), 'frontmatter-shape', msg('param-name', { name }));
  }
  return fm;
}

function checkParam(name: string, spec: RawFrontMatter['params'][string], where: (...path: string[]) => Position, out: DiagnosticList) {
  const param = {
    required: spec.required,
    secret: spec.secret,
    ...(spec.description !== undefined && { description: spec.description }),
    ...(spec.default !== undefined && { default: spec.default }),
    ...(spec.pattern !== undefined && { pattern: spec.pattern }),
    ...(spec.choices !== undefined && { choices: spec.choices }),
    ...(spec.path !== undefined && { path: spec.path }),
  };
  if (spec.pattern !== undefined && !isValidRegex(spec.pattern)) {
    out.error(where('pattern'), 'param-pattern', msg('param-pattern', { pattern: spec.pattern, name }));
  } else if (spec.default !== undefined && spec.pattern !== undefined && !fullMatch(spec.pattern, spec.default)) {
    out.error(where('default'), 'param-default', msg('param-default-pattern', { value: spec.default, name, pattern: spec.pattern }));
  }
  if (spec.default !== undefined && spec.choices !== undefined && !spec.choices.includes(spec.default)) {
    out.error(where('default'), 'param-default', msg('param-default-choice', { value: spec.default, name, choices: spec.choices.join(', ') }));
  }
  return param;
}

export function isValidRegex(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

