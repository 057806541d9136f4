/**
 * The runbook model: what the parser produces from a Markdown file and what
 * every later stage (graph, run, report) consumes. Plain data only, so a
 * parsed runbook can be cached as JSON.
 */

/** A 1-based position in the source file. */
export interface Position {
  line: number;
  column: number;
}

/** What a secret value is replaced by, wherever it would show (screen, journal, logs, reports). */
export const MASK = '••••••';

export type Severity = 'critical' | 'high' | 'medium' | 'low';

export interface EnvironmentSpec {
  vars: Record<string, string>;
  protected: boolean;
  default: boolean;
}

export interface ParamSpec {
  description?: string;
  default?: string;
  required: boolean;
  pattern?: string;
  choices?: string[];
  secret: boolean;
  /** The value is a path (relative to where `runbook` runs): `exists` — that file or folder must exist; `parent` — its folder must. */
  path?: 'exists' | 'parent';
  /** A placeholder or undefined `$VAR` (not declared): asked, when attended, before the first step that needs it. */
  inferred?: true;
}

export interface Precondition {
  name: string;
  run: string;
  severity: 'error' | 'warn';
  position: Position;
}

export interface Requires {
  commands: string[];
  env: string[];
  files: string[];
}

export interface Escalation {
  /** Milliseconds after the run started. */
  afterMs?: number;
  after?: string;
  contacts: string[];
}

export interface FrontMatter {
  id?: string;
  title?: string;
  aliases: string[];
  description?: string;
  owner?: string;
  severity?: Severity;
  tags: string[];
  estimated?: string;
  downtime?: string;
  lang?: string;
  shell?: string;
  cwd?: string;
  /** Default per-attempt timeout in milliseconds. */
  timeoutMs?: number;
  environments: Record<string, EnvironmentSpec>;
  params: Record<string, ParamSpec>;
  requires: Requires;
  preconditions: Precondition[];
  escalation?: Escalation;
  mask: string[];
  /** Where each top-level key was written, for diagnostics. */
  keyPositions: Record<string, Position>;
}

export type Language = 'sh' | 'bash' | 'shell' | 'zsh' | 'console';

export type ExpectMode = 'exact' | 'contains' | 'regex';

export interface Expectation {
  mode: ExpectMode;
  text: string;
  position: Position;
}

/** A GitHub alert (`> [!WARNING] …`) shown with the steps of its section. */
export interface Alert {
  kind: 'note' | 'tip' | 'important' | 'warning' | 'caution';
  text: string;
  position: Position;
}

/** A non-runnable block (yaml, sql, mermaid, sample output…) shown to the operator. */
export interface ContextBlock {
  lang: string;
  text: string;
  position: Position;
  /** Index into `Runbook.sections`: shown with the steps of that section. */
  section: number;
  /** `Step.index` of the step it follows in its section (it is shown after that step); absent: it comes before the section's first step. */
  afterStep?: number;
  /** The paragraph right before it ("Salida esperada (ejemplo):"), shown with it. */
  intro?: string;
}

export interface Section {
  /** Heading text, or the runbook title for steps before any heading. */
  title: string;
  depth: number;
  position: Position;
  alerts: Alert[];
}

interface StepBase {
  /** Stable id, unique within the runbook. */
  id: string;
  /**
   * The default id this step had before manual-step ids were shortened to 32 characters (48 then),
   * when it differs: a journal without `idRule` names the step by it, and resume maps it back.
   */
  legacyId?: string;
  /** Index into `Runbook.sections`. */
  section: number;
  /** Paragraph right before the step, if any. */
  description?: string;
  position: Position;
  /** Order of appearance in the document. */
  index: number;
  /** Dependencies written by the author (`needs=`); empty means "the previous step of the normal flow". */
  needs: string[];
  /** Shell condition; false means the step is skipped. */
  if?: string;
  rollback: boolean;
  /** Set when `rollback` was read from a heading (`parse/sections.ts`): the heading's text. */
  rollbackHeading?: string;
}

export interface CommandStep extends StepBase {
  kind: 'command';
  lang: Language;
  /** The exact command text given to the shell. */
  command: string;
  /** Sample output shown in `console` blocks. */
  sampleOutput?: string;
  destructive: boolean;
  /** Why the step is destructive when the author did not say (`destructive` absent): the rule of the risk table and what matched. */
  risk?: Risk;
  /** Prompts read from a transcript (`$ `/`# ` lines): how many commands and output lines were told apart. */
  transcript?: { commands: number; outputLines: number };
  /** Placeholders in the command text (`<namespace>`, `NAME='<…>'`), replaced by a variable reference in the text handed to the shell. */
  placeholders?: Placeholder[];
  /** An editor, shell, REPL or never-ending command recognised by the documented list (the step is treated as `interactive`). */
  endless?: { rule: string; match: string };
  /** Runme's `excludeFromRunAll`: kept out of the flow, runnable with `--only`. */
  excluded?: boolean;
  timeoutMs?: number;
  retry: number;
  delayMs: number;
  waitMs?: number;
  intervalMs: number;
  /** `giveup`: exit statuses that end a `wait` at once, failing the step (the state will not come by itself). */
  giveUp?: readonly number[];
  capture?: string;
  secretCapture: boolean;
  onFailure?: string;
  continueOnError: boolean;
  cwd?: string;
  interactive: boolean;
  expect?: Expectation;
  /** Raw attribute map as written, for display. */
  attributes: Record<string, string | true>;
  /** Where each attribute was written, for diagnostics. */
  attributePositions: Record<string, Position>;
}

export interface Risk {
  inferred: true;
  /** Rule id of the risk table in docs/format.md (`destructive-argument`, `sql-destructive`…). */
  rule: string;
  /** The words that matched, e.g. `kubectl delete`. */
  match: string;
}

export interface Placeholder {
  /** The param it asks for (`<namespace>` → `NAMESPACE`). */
  name: string;
  /** Offsets into `command`: the `<…>` text, or the quoted value of `NAME='<…>'`. */
  start: number;
  end: number;
}

/** A value a command needs that nothing defines: asked like a required param. */
export interface InferredParam {
  name: string;
  /** A `<placeholder>` (always asked) or a `$VAR` nothing defines (a variable of the process environment gives it). */
  kind: 'placeholder' | 'variable';
  description: string;
  /** Ids of the steps that use it. */
  steps: string[];
}

export interface ManualStep extends StepBase {
  kind: 'manual';
  /** The task-list item text. */
  text: string;
  checked: boolean;
}

export type Step = CommandStep | ManualStep;

export interface Runbook {
  /** Absolute path of the source file. */
  path: string;
  id: string;
  title: string;
  /** sha256 of the source bytes. */
  sha256: string;
  frontMatter: FrontMatter;
  hasFrontMatter: boolean;
  sections: Section[];
  steps: Step[];
  context: ContextBlock[];
  /** Placeholders and undefined variables of the commands, asked like required params. */
  inferredParams: InferredParam[];
}

/** `info` tells the author what the engine understood: shown, never failing `--strict`. */
export type DiagnosticSeverity = 'error' | 'warning' | 'info';

/** A value put into a diagnostic message: text, a number, or a nested message (translated too). */
export type DiagnosticValue = string | number | DiagnosticMessage;

/** A message by id (catalog key `diag.<id>`; a nested one may name any catalog key, like `error.fileNotFound`) and its values. */
export interface DiagnosticMessage {
  messageId: string;
  data: Record<string, DiagnosticValue>;
}

/** Every lint rule, by id (documented in docs/format.md). */
export type RuleId =
  | 'yaml-syntax' | 'frontmatter-shape' | 'frontmatter-unknown-key' | 'param-default' | 'param-pattern' | 'mask-pattern' | 'environment-default-protected'
  | 'attribute-syntax' | 'attribute-unknown' | 'attribute-value' | 'attribute-conflict' | 'duplicate-id' | 'needs-unknown' | 'on-failure-unknown'
  | 'cycle' | 'unreachable' | 'needs-duplicate' | 'needs-ignored' | 'expect-without-step' | 'duplicate-runbook-id' | 'duplicate-alias' | 'no-steps' | 'file-unreadable'
  | 'fence-info-ignored' | 'command-unparsable' | 'prompts-read' | 'console-without-prompt' | 'risk-inferred' | 'rollback-section-inferred' | 'alternatives-inferred' | 'interactive-inferred' | 'param-inferred'
  | 'runme-attribute-ignored' | 'pages-skipped' | 'commands-unlabelled' | 'legacy-id';

export interface Diagnostic extends DiagnosticMessage {
  file: string;
  line: number;
  column: number;
  severity: DiagnosticSeverity;
  rule: RuleId;
  /** The message in English; `messageId` and `data` render it in other languages. */
  message: string;
}
