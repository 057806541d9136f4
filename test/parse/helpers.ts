/** Small helpers for parser tests: Markdown text in, model and diagnostics out. */
import type { CommandStep, Diagnostic, ManualStep, Runbook, Step } from '../../engine/model.js';
import { parseRunbook } from '../../engine/parse/parse-runbook.js';

export function parse(markdown: string, path = '/runbooks/test.md'): { runbook: Runbook; diagnostics: Diagnostic[] } {
  return parseRunbook(markdown, path, 'test.md');
}

/** A fenced block, so tests read like the Markdown they describe. */
export function fence(info: string, body: string, fenceText = '```'): string {
  return `${fenceText}${info}\n${body}\n${fenceText}\n`;
}

export function commands(runbook: Runbook): CommandStep[] {
  return runbook.steps.filter((s): s is CommandStep => s.kind === 'command');
}

export function manuals(runbook: Runbook): ManualStep[] {
  return runbook.steps.filter((s): s is ManualStep => s.kind === 'manual');
}

/**
 * The only command step of a one-step document that parses without errors,
 * failing loudly otherwise: a rejected attribute value must not go unnoticed
 * behind the default the parser fell back to.
 */
export function onlyCommand(markdown: string): CommandStep {
  const { runbook, diagnostics } = parse(markdown);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`expected no errors, got ${brief(errors).join(', ')}`);
  const [only, ...more] = commands(runbook);
  if (!only || more.length > 0) throw new Error(`expected one command step, got ${commands(runbook).length}`);
  return only;
}

export function ids(steps: Step[]): string[] {
  return steps.map((s) => s.id);
}

/** Diagnostics as `line:col severity rule`, the part a test usually checks. */
export function brief(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.rule}`);
}
