/** Diagnostics as text (`file:line:col  severity  rule-id  message`), JSON, or GitHub workflow annotations. */
import { renderMessage } from '../../diagnostics.js';
import type { Diagnostic } from '../../model.js';
import type { CliContext, Stream } from '../context.js';

/** The diagnostic with its message in the interface language (rule ids stay English). */
export function localize(d: Diagnostic, ctx: Pick<CliContext, 't'>): Diagnostic {
  return { ...d, message: renderMessage(d, ctx.t) };
}

export function formatDiagnostic(d: Diagnostic, ctx: CliContext): string {
  const severity = d.severity === 'error' ? ctx.style.red(ctx.t('label.error')) : d.severity === 'warning' ? ctx.style.yellow(ctx.t('label.warning')) : ctx.style.cyan(ctx.t('label.info'));
  return `${d.file}:${d.line}:${d.column}  ${severity}  ${ctx.style.dim(d.rule)}  ${renderMessage(d, ctx.t)}`;
}

function githubEscape(text: string, property = false): string {
  const base = text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  return property ? base.replace(/:/g, '%3A').replace(/,/g, '%2C') : base;
}

export function githubAnnotation(d: Diagnostic, ctx: Pick<CliContext, 't'>): string {
  const level = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
  return `::${level} file=${githubEscape(d.file, true)},line=${d.line},col=${d.column},title=${githubEscape(d.rule, true)}::${githubEscape(renderMessage(d, ctx.t))}`;
}

export function printDiagnostics(ctx: CliContext, list: Diagnostic[], format: 'text' | 'github', stream: Stream): void {
  for (const d of list) stream.write(`${format === 'github' ? githubAnnotation(d, ctx) : formatDiagnostic(d, ctx)}\n`);
}
