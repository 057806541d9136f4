/** Collected problems, `file:line:col  severity  rule-id  message`, returned and never thrown. */
import type { diagnosticsEn } from './i18n/diagnostics.en.js';
import type { MessageKey } from './i18n/en.js';
import { createTranslator, type Translate } from './i18n/translate.js';
import type { Diagnostic, DiagnosticMessage, DiagnosticSeverity, DiagnosticValue, Position, RuleId } from './model.js';
import { byCodeUnit } from './order.js';

/** The ids of diagnostic messages: catalog keys without their `diag.` prefix. */
export type DiagnosticMessageId = keyof typeof diagnosticsEn extends `diag.${infer Id}` ? Id : never;

export type MessageData = Record<string, DiagnosticValue>;

/** A diagnostic message to report: `msg('attribute-unknown', { key, hint })`. */
export function msg(messageId: DiagnosticMessageId, data: MessageData = {}): DiagnosticMessage {
  return { messageId, data };
}

/** ` (did you mean `x`?)`, or nothing when there is no close name. */
export function didYouMean(name: string | undefined): DiagnosticValue {
  return name === undefined ? '' : msg('did-you-mean', { name });
}

/** Renders a diagnostic message (and its nested ones) in the translator's language. */
export function renderMessage(message: DiagnosticMessage, t: Translate): string {
  const vars: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(message.data)) vars[name] = typeof value === 'object' ? renderMessage(value, t) : value;
  const key = message.messageId.includes('.') ? message.messageId : `diag.${message.messageId}`;
  return t(key as MessageKey, vars);
}

let english: Translate | undefined;

/** The English text of a message (stored in `Diagnostic.message` for library users and tests). */
export function englishMessage(message: DiagnosticMessage): string {
  english ??= createTranslator('en');
  return renderMessage(message, english);
}

/** A diagnostic built outside a `DiagnosticList` (whole-file and cross-file problems). */
export function diagnostic(file: string, position: Position, severity: DiagnosticSeverity, rule: RuleId, message: DiagnosticMessage): Diagnostic {
  return { file, line: position.line, column: position.column, severity, rule, message: englishMessage(message), ...message };
}

export class DiagnosticList {
  readonly items: Diagnostic[] = [];

  constructor(readonly file: string) {}

  add(position: Position, severity: DiagnosticSeverity, rule: RuleId, message: DiagnosticMessage): void {
    this.items.push(diagnostic(this.file, position, severity, rule, message));
  }

  error(position: Position, rule: RuleId, message: DiagnosticMessage): void {
    this.add(position, 'error', rule, message);
  }

  warn(position: Position, rule: RuleId, message: DiagnosticMessage): void {
    this.add(position, 'warning', rule, message);
  }

  info(position: Position, rule: RuleId, message: DiagnosticMessage): void {
    this.add(position, 'info', rule, message);
  }
}

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => byCodeUnit(a.file, b.file) || a.line - b.line || a.column - b.column || byCodeUnit(a.rule, b.rule));
}

export function hasErrors(list: Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error');
}
