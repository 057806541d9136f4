/**
 * Alternative sections in runbooks written for people: when a runbook uses
 * none of `rollback`, `destructive` or `on-failure`, consecutive sibling
 * headings named as alternatives ("Option 1", "Option 2 (use with caution)",
 * "Opción A", "Alternativa 1") form a group; the attended operator chooses
 * one, under `--yes` only the first runs. An option holds the steps of its
 * section and of its subsections that are in the normal flow. Told to the
 * author as an `info` diagnostic. Headings are compared as words (mdast
 * heading text), never as patterns over Markdown.
 */
import { msg, type DiagnosticList } from '../diagnostics.js';
import type { Runbook } from '../model.js';
import { native, words } from '../parse/sections.js';

export interface AlternativeOption {
  /** The heading's text. */
  title: string;
  /** Index into `Runbook.sections` of its heading. */
  section: number;
  /** Its normal-flow steps, in document order (may be none: an option done by hand). */
  steps: string[];
}

/** Options of one group, in document order: the first is the one `--yes` runs. */
export interface AlternativeGroup {
  options: AlternativeOption[];
}

const NAMES = new Set(['option', 'opción', 'opcion', 'alternative', 'alternativa']);

/** "Option 2 …", "Opción B: …", "Alternativa 1": a name word, then a number or a single letter. */
export function isAlternativeTitle(title: string): boolean {
  const [name, label] = words(title);
  return name !== undefined && label !== undefined && NAMES.has(name) && (/^\d+$/.test(label) || /^\p{L}$/u.test(label));
}

export function inferAlternatives(runbook: Runbook, flow: ReadonlySet<string>, out: DiagnosticList): AlternativeGroup[] {
  const { sections, steps } = runbook;
  if (native(steps)) return [];
  /** Where section `i`'s region ends: the next section at its depth or above. */
  const regionEnd = (i: number): number => {
    const depth = sections[i]?.depth ?? 0;
    let j = i + 1;
    while (j < sections.length && (sections[j]?.depth ?? 0) > depth) j++;
    return j;
  };
  // The steps of each section, in document order: an option takes those of its region (not a scan of every step per option).
  const bySection = new Map<number, typeof steps>();
  for (const s of steps) {
    const list = bySection.get(s.section);
    if (list) list.push(s);
    else bySection.set(s.section, [s]);
  }
  const regionSteps = (m: number, end: number): string[] => {
    const ids: string[] = [];
    for (let k = m; k < end; k++) for (const s of bySection.get(k) ?? []) if (flow.has(s.id)) ids.push(s.id);
    return ids;
  };
  const groups: AlternativeGroup[] = [];
  // Sections before the first heading carry the runbook title (index 0 when depth is 1): never an option.
  for (let i = 1; i < sections.length; ) {
    const first = sections[i];
    if (!first || first.depth < 2 || !isAlternativeTitle(first.title)) {
      i++;
      continue;
    }
    const members: number[] = [];
    let j = i;
    while (j < sections.length && sections[j]?.depth === first.depth && isAlternativeTitle(sections[j]?.title ?? '')) {
      members.push(j);
      j = regionEnd(j);
    }
    i = j;
    if (members.length < 2) continue;
    const options = members.map((m): AlternativeOption => {
      const end = regionEnd(m);
      return { title: sections[m]?.title ?? '', section: m, steps: regionSteps(m, end) };
    });
    if (options.every((o) => o.steps.length === 0)) continue;
    groups.push({ options });
    const titles = options.map((o) => o.title).join(' / ');
    out.info(sections[members[0] ?? 0]?.position ?? { line: 1, column: 1 }, 'alternatives-inferred', msg('alternatives-inferred', { options: titles, first: options[0]?.title ?? '' }));
  }
  return groups;
}

/** The group and option a step belongs to, if any. */
export function alternativeOf(groups: readonly AlternativeGroup[], stepId: string): { group: number; option: number } | undefined {
  let index = memberships.get(groups);
  if (!index) {
    index = new Map();
    for (const [group, g] of groups.entries()) {
      for (const [option, o] of g.options.entries()) for (const id of o.steps) if (!index.has(id)) index.set(id, { group, option });
    }
    memberships.set(groups, index);
  }
  return index.get(stepId);
}

/** Which group and option each step is in, built once per list of groups (asked once per step of a run). */
const memberships = new WeakMap<readonly AlternativeGroup[], Map<string, { group: number; option: number }>>();
