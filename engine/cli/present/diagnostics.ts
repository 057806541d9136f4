/** Diagnostics as text (`file:line:col  severity  rule-id  message`), JSON, or GitHub workflow annotations. */
import type { Diagnostic } from '../../model.js';
import type { CliContext, Stream } from '../context.js';

export function formatDiagnostic(d: Diagnostic, ctx: CliContext): string {
  const severity = d.severity === 'error' ? ctx.style.red('error') : ctx.style.yellow('warning');
  return `${d.file}:${d.line}:${d.column}  ${severity}  ${ctx.style.dim(d.rule)}  ${d.message}`;
}

function githubEscape(text: string, property = false): string {
  const base = text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  return property ? base.replace(/:/g, '%3A').replace(/,/g, '%2C') : base;
}

export function githubAnnotation(d: Diagnostic): string {
  const level = d.severity === 'error' ? 'error' : 'warning';
  return `::${level} file=${githubEscape(d.file, true)},line=${d.line},col=${d.column},title=${githubEscape(d.rule, true)}::${githubEscape(d.message)}`;
}

export function printDiagnostics(ctx: CliContext, list: Diagnostic[], format: 'text' | 'github', stream: Stream): void {
  for (const d of list) stream.write(`${format === 'github' ? githubAnnotation(d) : formatDiagnostic(d, ctx)}\n`);
}
