/**
 * Rollback sections in runbooks written for people: when a runbook uses none
 * of `rollback`, `destructive` or `on-failure`, the steps under a heading
 * named rollback / roll back / revert / undo / "marcha atrás" / revertir /
 * deshacer (and under its subheadings) form the rollback path instead of
 * running in the normal flow. Told to the author as an `info` diagnostic.
 * Headings are the mdast headings' plain text; words are compared, not
 * patterns over Markdown.
 */
import { msg, type DiagnosticList } from '../diagnostics.js';
import type { Section, Step } from '../model.js';

const PHRASES = [['rollback'], ['roll', 'back'], ['revert'], ['undo'], ['marcha', 'atrás'], ['marcha', 'atras'], ['revertir'], ['deshacer']];

/** Lower-case words of a heading (letters and digits; accents kept). */
export function words(title: string): string[] {
  const out: string[] = [];
  let word = '';
  for (const c of title.toLowerCase()) {
    if (/[\p{L}\p{N}]/u.test(c)) word += c;
    else if (word !== '') {
      out.push(word);
      word = '';
    }
  }
  if (word !== '') out.push(word);
  return out;
}

export function isRollbackTitle(title: string): boolean {
  const w = words(title);
  return PHRASES.some((phrase) => w.some((_, i) => phrase.every((p, j) => w[i + j] === p)));
}

/** Whether the author already speaks this engine's language (then headings are never read as roles); a rollback a heading implied does not count. */
export function native(steps: readonly Step[]): boolean {
  return steps.some((s) => (s.rollback && s.rollbackHeading === undefined) || (s.kind === 'command' && ('destructive' in s.attributes || s.onFailure !== undefined)));
}

export function inferRollbackSections(steps: Step[], sections: readonly Section[], out: DiagnosticList): Step[] {
  if (native(steps)) return steps;
  // A section is in a rollback region when it, or a heading above it, is named so: the region's heading.
  const region: (string | undefined)[] = [];
  const stack: { depth: number; heading: string | undefined }[] = [];
  sections.forEach((section, i) => {
    while (stack.length > 0 && (stack.at(-1)?.depth ?? 0) >= section.depth) stack.pop();
    const heading = stack.at(-1)?.heading ?? (i > 0 && section.depth > 1 && isRollbackTitle(section.title) ? section.title : undefined);
    stack.push({ depth: section.depth, heading });
    region.push(heading);
  });
  return steps.map((step) => {
    const heading = region[step.section];
    if (heading === undefined) return step;
    out.info(step.position, 'rollback-section-inferred', msg('rollback-section-inferred', { step: step.id, section: heading }));
    return { ...step, rollback: true, rollbackHeading: heading };
  });
}
