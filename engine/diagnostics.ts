/** Collected problems, `file:line:col  severity  rule-id  message`, returned and never thrown. */
import type { Diagnostic, DiagnosticSeverity, Position } from './model.js';

export class DiagnosticList {
  readonly items: Diagnostic[] = [];

  constructor(readonly file: string) {}

  add(position: Position, severity: DiagnosticSeverity, rule: string, message: string): void {
    this.items.push({ file: this.file, line: position.line, column: position.column, severity, rule, message });
  }

  error(position: Position, rule: string, message: string): void {
    this.add(position, 'error', rule, message);
  }

  warn(position: Position, rule: string, message: string): void {
    this.add(position, 'warning', rule, message);
  }
}

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
}

export function hasErrors(list: Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error');
}
