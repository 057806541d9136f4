/**
 * `lint --fix`: a foreign runbook rewritten into the native form. Every
 * change is a splice of the original text at mdast node offsets, applied
 * from the end backwards, so everything else stays byte-identical:
 *   1. commands in a fence without a language (or in a `console` block
 *      without `$ `) get `bash`; a transcript (`$ cmd` + output) becomes a
 *      `bash` fence with the commands and a `text` fence with the sample
 *      output right after it (a context block, shown after the step);
 *   2. inferred destructive marks become the `destructive` attribute, and
 *      inferred params are declared in the front matter (`fix-frontmatter.ts`).
 * The second part reads the parse of the first part's result, so a fence
 * labelled in part 1 gets its mark and params too. The result is checked:
 * the steps that ran before still run the same commands, in order.
 */
import type { Code, Nodes, Parents, Root } from 'mdast';
import type { CommandStep, Runbook } from '../model.js';
import { parseAttributes } from './attributes.js';
import { RUNNABLE } from './collect.js';
import { splitConsoleBlock } from './console-block.js';
import { declareParams, type Splice } from './fix-frontmatter.js';
import { parseMarkdown } from './markdown.js';
import { parseRunbook } from './parse-runbook.js';
import { holdsCommands } from './unlabelled.js';

export interface FixCounts {
  /** Fences given a language (`bash`). */
  labelled: number;
  /** Transcripts split into commands and sample output. */
  transcripts: number;
  /** Steps marked `destructive`. */
  destructive: number;
  /** Params declared in the front matter. */
  params: number;
}

export type FixResult =
  | { ok: true; text: string; counts: FixCounts }
  /** The fix would change what a step runs (or would not settle): the file is left alone. */
  | { ok: false; reason: 'steps-changed' };

const BOM = '\uFEFF';

export interface FixOptions {
  /**
   * Write inferred destructive marks (default). Off for a runbook whose rollback or alternative
   * sections are inferred: those inferences hold only while the runbook marks nothing
   * `destructive`, so writing a mark would move its rollback steps into the flow and run every
   * option. Its risk stays inferred at run time, which gates exactly like a written mark.
   */
  marks?: boolean;
}

export function fixSource(source: string, path: string, options: FixOptions = {}): FixResult {
  const first = fixOnce(source, path, options);
  if (first.text === source) return { ok: true, text: source, counts: first.counts };
  if (!keepsSteps(parseRunbook(source, path).runbook, parseRunbook(first.text, path).runbook, first.counts.labelled)) return { ok: false, reason: 'steps-changed' };
  // A fixed file is a fixed point: fixing it again changes nothing.
  if (fixOnce(first.text, path, options).text !== first.text) return { ok: false, reason: 'steps-changed' };
  return { ok: true, text: first.text, counts: first.counts };
}

function fixOnce(source: string, path: string, options: FixOptions): { text: string; counts: FixCounts } {
  const bom = source.startsWith(BOM) ? BOM : '';
  const original = source.slice(bom.length);
  const counts: FixCounts = { labelled: 0, transcripts: 0, destructive: 0, params: 0 };
  const structural = applySplices(original, structuralFixes(original, counts));
  const marked = applySplices(structural, markFixes(structural, path, counts, options.marks ?? true));
  return { text: bom + marked, counts };
}

/** The rules whose `info` diagnostics `--fix` resolves (a fixed file has none of them left). */
export const FIXED_RULES: ReadonlySet<string> = new Set(['commands-unlabelled', 'prompts-read', 'risk-inferred', 'param-inferred']);

/** Whether a file's diagnostics show something `--fix` may change (else it is not rewritten, nor even re-parsed). */
export function mayNeedFix(rules: readonly string[]): boolean {
  return rules.some((r) => FIXED_RULES.has(r) || r === 'console-without-prompt');
}

function applySplices(text: string, splices: Splice[]): string {
  let out = text;
  for (const s of [...splices].sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

/** Every code node in document order, as `collect` walks them. */
function codeNodes(tree: Root): Code[] {
  const found: Code[] = [];
  const walk = (parent: Parents) => {
    for (const node of parent.children as Nodes[]) {
      if (node.type === 'code') found.push(node);
      else if ('children' in node && node.type !== 'paragraph' && node.type !== 'table') walk(node);
    }
  };
  walk(tree);
  return found;
}

/** Where a fence's opening line starts and ends, its fence characters and where its language word starts. */
interface Fence {
  node: Code;
  start: number;
  end: number;
  /** End of the opening line (before its newline). */
  lineEnd: number;
  marker: string;
  /** Offset of the language word (just after the marker and blanks). */
  langAt: number;
  /** Whether the node ends with a closing fence line. */
  closed: boolean;
  /** What comes before the fence on the lines after the first (indentation, `> `). */
  prefix: string;
}

function fenceOf(text: string, node: Code): Fence | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  const char = text[start];
  if (char !== '`' && char !== '~') return undefined;
  let i = start;
  while (text[i] === char) i++;
  const marker = text.slice(start, i);
  while (text[i] === ' ' || text[i] === '\t') i++;
  const newline = text.indexOf('\n', start);
  const lineEnd = newline === -1 || newline > end ? end : newline;
  const lastLineStart = text.lastIndexOf('\n', end - 1) + 1;
  const lastLine = text.slice(lastLineStart, end);
  const closeAt = lastLine.indexOf(marker);
  const closed = lastLineStart > start && closeAt !== -1 && lastLine.slice(closeAt).trimEnd().split('').every((c) => c === char);
  return { node, start, end, lineEnd: lineEnd > 0 && text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd, marker, langAt: i, closed, prefix: closed ? lastLine.slice(0, closeAt) : '' };
}

function structuralFixes(text: string, counts: FixCounts): Splice[] {
  const splices: Splice[] = [];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  for (const node of codeNodes(parseMarkdown(text))) {
    const lang = (node.lang ?? '').toLowerCase();
    if ('expect' in parseAttributes(node.meta).attributes) continue;
    const fence = fenceOf(text, node);
    if (!fence) continue;
    const unlabelled = lang === '' && holdsCommands(node.value);
    const consoleCommands = lang === 'console' && splitConsoleBlock(node.value) === undefined && node.value.trim() !== '' && holdsCommands(node.value);
    const transcript = unlabelled || RUNNABLE.has(lang) ? splitConsoleBlock(node.value) : undefined;
    if (!unlabelled && !consoleCommands && !transcript) continue;
    const langWord = node.lang ?? '';
    const newLang = unlabelled || lang === 'console' ? 'bash' : langWord;
    const opening = text.slice(fence.start, fence.langAt) + (unlabelled ? 'bash' : newLang) + text.slice(fence.langAt + langWord.length, fence.lineEnd);
    if (unlabelled || consoleCommands) counts.labelled++;
    if (!transcript || !fence.closed) {
      splices.push({ start: fence.start, end: fence.lineEnd, text: opening });
      continue;
    }
    counts.transcripts++;
    const line = (written: string) => {
      const l = written.endsWith('\r') ? written.slice(0, -1) : written;
      return l === '' ? fence.prefix.trimEnd() : fence.prefix + l;
    };
    const parts = [opening, ...transcript.command.split('\n').map(line), fence.prefix + fence.marker];
    if (transcript.output !== '') {
      const outMarker = '`'.repeat(Math.max(3, longestRun(transcript.output, '`') + 1));
      parts.push(fence.prefix.trimEnd(), `${fence.prefix}${outMarker}text`, ...transcript.output.split('\n').map(line), fence.prefix + outMarker);
    }
    splices.push({ start: fence.start, end: fence.end, text: parts.join(eol) });
  }
  return splices;
}

function longestRun(text: string, char: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}

function markFixes(text: string, path: string, counts: FixCounts, marks: boolean): Splice[] {
  const { runbook } = parseRunbook(text, path);
  const tree = parseMarkdown(text);
  const splices: Splice[] = [];
  const byLine = new Map(codeNodes(tree).map((n) => [`${n.position?.start.line}:${n.position?.start.column}`, n]));
  for (const step of runbook.steps) {
    if (!marks || step.kind !== 'command' || !step.risk || 'destructive' in step.attributes) continue;
    const node = byLine.get(`${step.position.line}:${step.position.column}`);
    const fence = node && fenceOf(text, node);
    const splice = fence && destructiveSplice(text, fence);
    if (!splice) continue;
    splices.push(splice);
    counts.destructive++;
  }
  if (runbook.inferredParams.length > 0) {
    const first = tree.children[0];
    const yaml = first?.type === 'yaml' ? first : undefined;
    const splice = declareParams(text, yaml, runbook.inferredParams);
    if (splice) {
      splices.push(splice);
      counts.params += runbook.inferredParams.length;
    }
  }
  return splices;
}

/** `destructive` added to the fence's attribute block (written in the block's own form), or a block added. */
function destructiveSplice(text: string, fence: Fence): Splice | undefined {
  let i = fence.langAt;
  while (i < fence.lineEnd && text[i] !== ' ' && text[i] !== '\t' && text[i] !== '{') i++;
  const langEnd = i;
  while (text[i] === ' ' || text[i] === '\t') i++;
  const meta = text.slice(i, fence.lineEnd).trimEnd();
  const metaEnd = i + meta.length;
  if (meta === '') return { start: langEnd, end: fence.lineEnd, text: ' { destructive }' };
  const attrs = parseAttributes(meta);
  if (attrs.problems.some((p) => p.severity === 'error')) return undefined;
  const close = meta.lastIndexOf('}');
  const open = meta.lastIndexOf('{', close);
  const inBlock = close !== -1 && open !== -1 && (Object.keys(attrs.attributes).length > 0 || meta.slice(open + 1, close).trim() === '');
  if (!inBlock) return { start: metaEnd, end: metaEnd, text: ' { destructive }' };
  const body = meta.slice(open + 1, close);
  const bodyEnd = i + open + 1 + body.trimEnd().length;
  return { start: bodyEnd, end: bodyEnd, text: body.trimStart().startsWith('"') ? ',"destructive":true' : ' destructive' };
}

/** The commands of the steps before the fix are those after it, in order, with only the newly labelled fences added (and no mark lost). */
function keepsSteps(before: Runbook, after: Runbook, labelled: number): boolean {
  const commands = (r: Runbook) => r.steps.filter((s): s is CommandStep => s.kind === 'command');
  const old = commands(before);
  const now = commands(after);
  if (now.length !== old.length + labelled) return false;
  let k = 0;
  for (const step of now) {
    const want = old[k];
    if (want && sameCommand(want.command, step.command)) {
      if (want.destructive && !step.destructive) return false;
      k++;
    }
  }
  return k === old.length && after.steps.length - now.length === before.steps.length - old.length;
}

/** A CRLF file's transcript lines keep their `\r` in the parse; the fixed fence does not: the same command. */
function sameCommand(a: string, b: string): boolean {
  const strip = (c: string) => c.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l)).join('\n');
  return strip(a) === strip(b);
}
