/** Markdown source → `Runbook` model plus the diagnostics found on the way. Never throws on bad input. */
import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { DiagnosticList, msg } from '../diagnostics.js';
import type { CommandStep, Diagnostic, FrontMatter, ManualStep, Position, Runbook, Step } from '../model.js';
import { collect, type RawCommand, type RawStep } from './collect.js';
import { EMPTY_FRONT_MATTER, parseFrontMatter } from './frontmatter.js';
import { applyInferences } from './infer.js';
import { resolveLegacyRefs } from './legacy-refs.js';
import { parseMarkdown } from './markdown.js';
import { inferRollbackSections } from './sections.js';
import { IdAllocator, slugify } from './slug.js';
import { readStepOptions, ULID, type StepOptions } from './step-options.js';

export interface ParseResult {
  runbook: Runbook;
  diagnostics: Diagnostic[];
}

export function parseRunbook(source: string, path: string, displayPath = path): ParseResult {
  const out = new DiagnosticList(displayPath);
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  const collected = collect(parseMarkdown(text), text, out);
  const frontMatter: FrontMatter = collected.frontMatter
    ? parseFrontMatter(collected.frontMatter.text, collected.frontMatter.firstLine, out)
    : EMPTY_FRONT_MATTER;
  const id = frontMatter.id ?? basename(path, extname(path));
  const title = frontMatter.title ?? collected.firstHeading ?? id;
  const sections = collected.sections.map((s, i) => (i === 0 ? { ...s, title } : s));

  const options = collected.steps.map((raw) => (raw.kind === 'command' ? readOptions(raw, out) : undefined));
  const titles = sections.map((s) => s.title);
  const ids = assignIds(collected.steps, options, titles, MANUAL_ID_LENGTH, out);
  // The ids the engine gave before manual-step ids were shortened: a journal written then still names its steps by them.
  const legacy = assignIds(collected.steps, options, titles, LEGACY_MANUAL_ID_LENGTH);
  const written: Step[] = collected.steps.map((raw, index) => {
    const opts = options[index];
    const stepId = ids[index] as string;
    const step = raw.kind === 'command' && opts ? commandStep(raw, opts, stepId, index, frontMatter) : manualStep(raw as Extract<RawStep, { kind: 'manual' }>, stepId, index);
    const old = legacy[index];
    return old !== undefined && old !== stepId ? { ...step, legacyId: old } : step;
  });

  const inferred = applyInferences(resolveLegacyRefs(written, out), frontMatter, out);
  const { inferredParams } = inferred;
  const steps = inferRollbackSections(inferred.steps, sections, out);
  const runbook: Runbook = {
    path,
    id,
    title,
    sha256: createHash('sha256').update(source).digest('hex'),
    frontMatter,
    hasFrontMatter: collected.frontMatter !== undefined,
    sections,
    steps,
    context: collected.context,
    inferredParams,
  };
  return { runbook, diagnostics: out.items };
}

function readOptions(raw: RawCommand, out: DiagnosticList): StepOptions {
  const { options, problems } = readStepOptions(raw.attrs.attributes);
  const keyPosition = (key: string): Position => ({ line: raw.metaPosition.line, column: raw.metaPosition.column + (raw.attrs.offsets[key] ?? 0) });
  for (const problem of problems) out.add(keyPosition(problem.key), problem.severity, problem.rule, problem.message);
  if (options.interactive) {
    if (options.capture) out.error(keyPosition('capture'), 'attribute-conflict', msg('interactive-capture'));
    if (raw.expect) out.error(raw.expect.position, 'attribute-conflict', msg('interactive-expect'));
  }
  if (options.giveUp !== undefined && options.waitMs === undefined) out.error(keyPosition('giveup'), 'attribute-conflict', msg('giveup-without-wait'));
  const id = raw.attrs.attributes.id;
  if (id !== undefined && 'name' in raw.attrs.attributes && !(typeof id === 'string' && ULID.test(id))) {
    out.error(keyPosition('name'), 'attribute-conflict', msg('id-and-name'));
  }
  return options;
}

/** A manual step's default id: the slug of its text, at most this long (cut at a word boundary). */
export const MANUAL_ID_LENGTH = 32;
/** The limit before it (journals without `idRule`), and still the one for section-heading slugs. */
export const LEGACY_MANUAL_ID_LENGTH = 48;

/** Step ids: explicit ones, else slugs; `out` gets the duplicate-id problems (none when absent: a second pass). */
function assignIds(raws: RawStep[], options: (StepOptions | undefined)[], sectionTitles: string[], manualLength: number, out?: DiagnosticList): string[] {
  const ids = new IdAllocator();
  const explicit = new Map<string, number>();
  options.forEach((opts, i) => {
    const wanted = opts?.id;
    if (wanted === undefined) return;
    const raw = raws[i] as RawCommand;
    if (explicit.has(wanted) && out) {
      const first = raws[explicit.get(wanted) as number] as RawStep;
      const key = 'id' in raw.attrs.offsets ? 'id' : 'name';
      out.error(
        { line: raw.metaPosition.line, column: raw.metaPosition.column + (raw.attrs.offsets[key] ?? 0) },
        'duplicate-id',
        msg('duplicate-step-id', { id: wanted, line: first.position.line }),
      );
    } else if (!explicit.has(wanted)) {
      explicit.set(wanted, i);
    }
    ids.reserve(wanted);
  });
  return raws.map((raw, i) => {
    const wanted = options[i]?.id;
    if (wanted !== undefined) return wanted;
    const base = raw.kind === 'manual' ? slugify(raw.text, manualLength) : slugify(sectionTitles[raw.section] ?? '');
    return ids.allocate(base);
  });
}

function commandStep(raw: RawCommand, o: StepOptions, id: string, index: number, fm: FrontMatter): CommandStep {
  const timeoutMs = o.timeoutMs ?? fm.timeoutMs;
  return {
    kind: 'command',
    id,
    section: raw.section,
    ...(raw.description !== undefined && { description: raw.description }),
    position: raw.position,
    index,
    needs: o.needs,
    ...(o.if !== undefined && { if: o.if }),
    rollback: o.rollback,
    lang: raw.lang,
    command: raw.command,
    ...(raw.sampleOutput !== undefined && { sampleOutput: raw.sampleOutput }),
    ...(raw.transcript !== undefined && { transcript: raw.transcript }),
    destructive: o.destructive,
    ...(o.excluded && { excluded: true }),
    ...(timeoutMs !== undefined && { timeoutMs }),
    retry: o.retry,
    delayMs: o.delayMs,
    ...(o.waitMs !== undefined && { waitMs: o.waitMs }),
    intervalMs: o.intervalMs,
    ...(o.giveUp !== undefined && { giveUp: o.giveUp }),
    ...(o.capture !== undefined && { capture: o.capture }),
    secretCapture: o.secretCapture,
    ...(o.onFailure !== undefined && { onFailure: o.onFailure }),
    continueOnError: o.continueOnError,
    ...(o.cwd !== undefined && { cwd: o.cwd }),
    interactive: o.interactive,
    ...(raw.expect !== undefined && { expect: raw.expect }),
    attributes: raw.attrs.attributes,
    attributePositions: Object.fromEntries(
      Object.entries(raw.attrs.offsets).map(([key, offset]) => [key, { line: raw.metaPosition.line, column: raw.metaPosition.column + offset }]),
    ),
  };
}

function manualStep(raw: Extract<RawStep, { kind: 'manual' }>, id: string, index: number): ManualStep {
  return { kind: 'manual', id, section: raw.section, position: raw.position, index, needs: [], rollback: false, text: raw.text, checked: raw.checked };
}
