/**
 * Walks the mdast tree in document order and collects what a runbook is made
 * of: sections, alerts, command steps (runnable fences), manual steps (task
 * list items), expect blocks and context blocks.
 */
import type { Blockquote, Code, ListItem, Nodes, Parents } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { msg, type DiagnosticList } from '../diagnostics.js';
import type { Alert, ContextBlock, ExpectMode, Language, Position, Section } from '../model.js';
import { parseAttributes, type ParsedAttributes } from './attributes.js';
import { splitConsoleBlock } from './console-block.js';
import { holdsCommands } from './unlabelled.js';

export const RUNNABLE: ReadonlySet<string> = new Set<Language>(['sh', 'bash', 'shell', 'zsh', 'console']);
const ALERT_KINDS = new Set<Alert['kind']>(['note', 'tip', 'important', 'warning', 'caution']);

export interface RawCommand {
  kind: 'command';
  lang: Language;
  command: string;
  sampleOutput?: string;
  transcript?: { commands: number; outputLines: number };
  section: number;
  description?: string;
  position: Position;
  attrs: ParsedAttributes;
  /** Where attribute offsets start in the file (line, column of the meta text). */
  metaPosition: Position;
  expect?: { mode: ExpectMode; text: string; position: Position };
}

export interface RawManual {
  kind: 'manual';
  text: string;
  checked: boolean;
  section: number;
  position: Position;
}

export type RawStep = RawCommand | RawManual;

export interface Collected {
  firstHeading?: string;
  sections: Section[];
  steps: RawStep[];
  context: ContextBlock[];
  frontMatter?: { text: string; firstLine: number };
}

export function collect(tree: Parents, source: string, out: DiagnosticList): Collected {
  const lines = source.split('\n');
  const result: Collected = { sections: [{ title: '', depth: 0, position: { line: 1, column: 1 }, alerts: [] }], steps: [], context: [] };
  const pos = (node: Nodes): Position => ({ line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 });

  /**
   * The info string's meta part exactly as written: mdast unescapes backslash
   * escapes in `node.meta`, which would break `if="test \"$S\" != UP"`.
   */
  const rawMeta = (node: Code): { text: string; at: Position } => {
    const start = pos(node);
    if (!node.meta) return { text: '', at: start };
    const lineText = lines[start.line - 1] ?? '';
    const fenceAt = lineText.length - lineText.trimStart().length;
    const fenceChar = lineText[fenceAt];
    let i = fenceAt;
    while (lineText[i] === fenceChar) i++;
    while (lineText[i] === ' ' || lineText[i] === '\t') i++;
    while (i < lineText.length && lineText[i] !== ' ' && lineText[i] !== '\t' && lineText[i] !== '{') i++;
    while (lineText[i] === ' ' || lineText[i] === '\t') i++;
    const text = lineText.slice(i).trimEnd();
    return text === '' ? { text: node.meta, at: start } : { text, at: { line: start.line, column: i + 1 } };
  };

  /** A fenced block (an indented code block has no info string to label). */
  const isFence = (node: Code): boolean => {
    const start = pos(node);
    const char = lines[start.line - 1]?.[start.column - 1];
    return char === '`' || char === '~';
  };

  const onCode = (node: Code, previous: Nodes | undefined) => {
    const lang = (node.lang ?? '').toLowerCase();
    const meta = rawMeta(node);
    const attrs = parseAttributes(meta.text);
    const metaAt = meta.at;
    const section = result.sections.length - 1;
    if ('expect' in attrs.attributes) {
      reportAttributeProblems(attrs, metaAt, out);
      onExpect(node, attrs, metaAt);
      return;
    }
    const transcript = RUNNABLE.has(lang) ? splitConsoleBlock(node.value) : undefined;
    if (!RUNNABLE.has(lang) || (lang === 'console' && transcript === undefined)) {
      if (lang === 'console' && node.value.trim() !== '') out.info(pos(node), 'console-without-prompt', msg('console-without-prompt'));
      if (lang === '' && isFence(node) && holdsCommands(node.value)) out.info(pos(node), 'commands-unlabelled', msg('commands-unlabelled'));
      const last = result.steps.length - 1;
      const intro = previous?.type === 'paragraph' ? toString(previous).trim() : '';
      result.context.push({ lang, text: node.value, position: pos(node), section, ...(last >= 0 && result.steps[last]?.section === section && { afterStep: last }), ...(intro !== '' && { intro }) });
      return;
    }
    if (transcript) out.info(pos(node), 'prompts-read', msg('prompts-read', { commands: transcript.commands, output: transcript.outputLines }));
    reportAttributeProblems(attrs, metaAt, out);
    const description = previous?.type === 'paragraph' ? toString(previous).trim() : undefined;
    result.steps.push({
      kind: 'command',
      lang: lang as Language,
      command: transcript ? transcript.command : node.value,
      ...(transcript && transcript.output !== '' && { sampleOutput: transcript.output }),
      ...(transcript && { transcript: { commands: transcript.commands, outputLines: transcript.outputLines } }),
      section,
      ...(description && { description }),
      position: pos(node),
      attrs,
      metaPosition: metaAt,
    });
  };

  const onExpect = (node: Code, attrs: ParsedAttributes, metaAt: Position) => {
    const value = attrs.attributes.expect;
    const mode = value === true || value === 'exact' ? 'exact' : value;
    const keyAt = { line: metaAt.line, column: metaAt.column + (attrs.offsets.expect ?? 0) };
    for (const key of Object.keys(attrs.attributes)) {
      if (key !== 'expect') {
        out.error({ line: metaAt.line, column: metaAt.column + (attrs.offsets[key] ?? 0) }, 'attribute-unknown', msg('expect-attribute-unknown', { key }));
      }
    }
    if (mode !== 'exact' && mode !== 'contains' && mode !== 'regex') {
      out.error(keyAt, 'attribute-value', msg('expect-mode', { value: String(value) }));
      return;
    }
    if (mode === 'regex') {
      try {
        new RegExp(node.value, 'm');
      } catch {
        out.error(pos(node), 'attribute-value', msg('expect-regex'));
      }
    }
    const last = result.steps[result.steps.length - 1];
    if (last === undefined || last.kind !== 'command') {
      out.error(pos(node), 'expect-without-step', msg('expect-orphan'));
      return;
    }
    if (last.expect) {
      out.error(pos(node), 'expect-without-step', msg('expect-second'));
      return;
    }
    last.expect = { mode, text: node.value, position: pos(node) };
  };

  const onTask = (item: ListItem) => {
    const first = item.children[0];
    const text = (first?.type === 'paragraph' ? toString(first) : toString(item)).trim();
    result.steps.push({ kind: 'manual', text, checked: item.checked === true, section: result.sections.length - 1, position: pos(item) });
  };

  const onBlockquote = (node: Blockquote): boolean => {
    const first = node.children[0];
    const head = first?.type === 'paragraph' ? first.children[0] : undefined;
    if (head?.type !== 'text') return false;
    const marker = /^\[!(\w+)\]\s*/.exec(head.value);
    const kind = marker?.[1]?.toLowerCase() as Alert['kind'] | undefined;
    if (!marker || kind === undefined || !ALERT_KINDS.has(kind)) return false;
    const text = toString(node).slice(marker[0].length).trim();
    result.sections[result.sections.length - 1]?.alerts.push({ kind, text, position: pos(node) });
    return true;
  };

  const walk = (parent: Parents) => {
    let previous: Nodes | undefined;
    for (const node of parent.children) {
      switch (node.type) {
        case 'yaml':
          if (!result.frontMatter && node.position) result.frontMatter = { text: node.value, firstLine: node.position.start.line + 1 };
          break;
        case 'heading': {
          const title = toString(node).trim();
          if (result.firstHeading === undefined) result.firstHeading = title;
          result.sections.push({ title, depth: node.depth, position: pos(node), alerts: [] });
          break;
        }
        case 'code':
          onCode(node, previous);
          break;
        case 'listItem':
          if (typeof node.checked === 'boolean') onTask(node);
          walk({ ...node, children: typeof node.checked === 'boolean' ? node.children.slice(1) : node.children });
          break;
        case 'blockquote':
          onBlockquote(node);
          walk(node);
          break;
        default:
          if ('children' in node && node.type !== 'paragraph' && node.type !== 'table') walk(node);
      }
      previous = node;
    }
  };
  walk(tree);
  return result;
}

function reportAttributeProblems(attrs: ParsedAttributes, metaAt: Position, out: DiagnosticList): void {
  for (const problem of attrs.problems) {
    out.add({ line: metaAt.line, column: metaAt.column + problem.offset }, problem.severity, problem.rule, problem.message);
  }
}
