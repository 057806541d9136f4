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

/** The only command step of a one-step document, failing loudly otherwise. */
export function onlyCommand(markdown: string): CommandStep {
  const { runbook } = parse(markdown);
  const list = commands(runbook);
  if (list.length !== 1) throw new Error(`expected one command step, got ${list.length}`);
  return list[0] as CommandStep;
}

export function ids(steps: Step[]): string[] {
  return steps.map((s) => s.id);
}

/** Diagnostics as `line:col severity rule`, the part a test usually checks. */
export function brief(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.rule}`);
}
