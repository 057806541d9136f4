/**
 * The one diagnostic each fixture under test/fixtures/broken/ must give, as
 * `runbook lint` prints it (paths relative to the repository root).
 */
import type { Diagnostic } from '../../engine/model.js';

const B = 'test/fixtures/broken';

export interface BrokenFixture {
  /** File (or folder, for cross-file rules) to lint, relative to the repository root. */
  target: string;
  diagnostic: Omit<Diagnostic, 'messageId' | 'data'>;
}

const one = (rule: Diagnostic['rule'], line: number, column: number, severity: Diagnostic['severity'], message: string, file = `${B}/${rule}.md`, target = file): BrokenFixture => ({
  target,
  diagnostic: { file, line, column, severity, rule, message },
});

export const BROKEN: BrokenFixture[] = [
  one('yaml-syntax', 3, 8, 'error', 'Invalid YAML: Nested mappings are not allowed in compact mappings'),
  one('frontmatter-shape', 3, 11, 'error', 'Unexpected value at `severity`: expected one of "critical", "high", "medium", "low"'),
  one('frontmatter-unknown-key', 3, 1, 'warning', 'Unexpected front matter key `ownr`, expected one of 19 known keys (did you mean `owner`?)'),
  one('param-default', 6, 14, 'error', 'Unexpected default `copia.tar` for param `BACKUP_FILE`, expected it to match its pattern `[a-z]+\\.dump`'),
  one('param-pattern', 5, 14, 'error', 'Unexpected pattern `db-(prod` for param `HOST`, expected a valid regular expression'),
  one('mask-pattern', 4, 5, 'error', 'Unexpected mask `tok_[A-Z`, expected a valid regular expression'),
  one('environment-default-protected', 5, 5, 'warning', 'Unexpected `default: true` on protected environment `production`, expected a protected environment to be chosen explicitly'),
  one('attribute-syntax', 3, 29, 'error', 'Unexpected end of attributes, expected `}`'),
  one('attribute-unknown', 3, 18, 'error', 'Unexpected attribute `destrutive`, expected one of the step attributes (did you mean `destructive`?)'),
  one('attribute-value', 3, 20, 'error', 'Unexpected `abc` for `timeout`, expected a duration like `30s`, `5m` or `1h`'),
  one('attribute-conflict', 3, 30, 'error', 'Unexpected `capture` on an `interactive` step, expected a captured step (interactive output is not captured)'),
  one('duplicate-id', 7, 9, 'error', 'Unexpected duplicate step id `parar`, expected ids to be unique (first used on line 3)'),
  one('needs-unknown', 7, 21, 'error', 'Unexpected `needs=prar`, expected the id of a step in this runbook (did you mean `parar`?)'),
  one('on-failure-unknown', 3, 18, 'error', 'Unexpected `on-failure=forzar`, expected the id of a step in this runbook'),
  one('cycle', 3, 16, 'error', 'Unexpected dependency cycle `uno` → `dos` → `uno`, expected steps that can run in some order'),
  one('unreachable', 11, 22, 'error', 'Unexpected dependency on `deshacer`, a rollback step that never runs in the normal flow, so `comprobar` could never run'),
  one('needs-duplicate', 7, 21, 'warning', 'Unexpected `parar` twice in the `needs` of step `arrancar`, expected each dependency once'),
  one('needs-ignored', 7, 30, 'warning', 'Unexpected `needs` on rollback step `deshacer`, expected none (it runs outside the normal flow)'),
  one('expect-without-step', 3, 1, 'error', 'Unexpected expect block, expected it right after a command step'),
  one('no-steps', 1, 1, 'warning', 'Unexpected runbook without steps, expected at least one runnable block or task-list item'),
  one(
    'duplicate-runbook-id',
    2,
    5,
    'error',
    `Unexpected id \`BRK-DUP\`, expected it to be unique (already the id of ${B}/duplicate-runbook-id/first.md)`,
    `${B}/duplicate-runbook-id/second.md`,
    `${B}/duplicate-runbook-id`,
  ),
  one(
    'duplicate-alias',
    4,
    10,
    'error',
    `Unexpected alias \`reiniciar\`, expected it to be unique (already the alias of ${B}/duplicate-alias/first.md)`,
    `${B}/duplicate-alias/second.md`,
    `${B}/duplicate-alias`,
  ),
  one('file-unreadable', 1, 1, 'error', `${B}/file-unreadable/binary.md is a binary file (NUL byte at offset 10), expected Markdown text`, `${B}/file-unreadable/binary.md`),
  one('file-unreadable', 1, 1, 'error', `${B}/file-unreadable/latin1.md is not valid UTF-8 text`, `${B}/file-unreadable/latin1.md`),
  one('fence-info-ignored', 3, 9, 'warning', "Unexpected `title=\"carga.sh\"` after the fence's language, expected attributes in braces like `{ id=name }` (ignored: the block still runs)"),
  one('command-unparsable', 3, 1, 'warning', 'Unexpected shell syntax on line 1 of step `roto` (syntax error: unexpected end of file), expected a command bash can parse: the step never runs'),
  one('prompts-read', 3, 1, 'info', 'Unexpected transcript, expected plain commands: read 1 prompt line(s) as the command and 1 line(s) as sample output (shown, never run)'),
  one('console-without-prompt', 3, 1, 'info', 'Unexpected `console` block without a `$ ` prompt, expected `$ ` before each command (shown, never run)'),
  one('risk-inferred', 3, 1, 'info', 'Unexpected unmarked destructive command `rm` in step `limpiar-la-cache` (risk rule `removes-data`), expected `destructive`: treated as destructive (write `destructive=false` if it is not)'),
  one('interactive-inferred', 3, 1, 'info', 'Unexpected unmarked interactive or endless command `tail -f` in step `seguir-el-log` (rule `follow`), expected `interactive` or a `timeout`: treated as interactive, refused under --yes without a `timeout`'),
  one('param-inferred', 3, 1, 'info', 'Unexpected value `HOST` that nothing defines (used by probar-el-host), expected a declared param: asked like a required param'),
  one('runme-attribute-ignored', 3, 24, 'info', 'Unexpected Runme attribute `interpreter`, expected a step attribute: accepted and not used'),
];

/** Rules that only `runbook lint` itself produces (not the parser or the graph). */
export const CLI_ONLY_RULES = new Set(['no-steps', 'file-unreadable', 'command-unparsable']);
