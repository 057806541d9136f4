/**
 * Every lint rule, checked in the engine (parser, graph, cross-file checks)
 * against one fixture each under test/fixtures/broken/, line:col included.
 */
import { lstatSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crossFileDiagnostics } from '../../engine/catalog/catalog.js';
import type { LoadedRunbook } from '../../engine/catalog/load-runbook.js';
import { readSource } from '../../engine/catalog/read-source.js';
import { LoadError } from '../../engine/errors.js';
import { buildGraph } from '../../engine/graph/build.js';
import type { Diagnostic } from '../../engine/model.js';
import { parseRunbook } from '../../engine/parse/parse-runbook.js';
import { BROKEN, CLI_ONLY_RULES } from './expected.js';
import { removeTempDirs, ROOT, tempDir } from './run-cli.js';

function load(display: string): LoadedRunbook {
  const path = join(ROOT, display);
  const source = readFileSync(path, 'utf8');
  const parsed = parseRunbook(source, path, display);
  const graph = buildGraph(parsed.runbook, display);
  return { runbook: parsed.runbook, graph: graph.graph, diagnostics: [...parsed.diagnostics, ...graph.diagnostics], display, source };
}

function diagnose(target: string): Diagnostic[] {
  if (!lstatSync(join(ROOT, target)).isDirectory()) return load(target).diagnostics;
  const entries = readdirSync(join(ROOT, target))
    .sort()
    .map((name) => load(`${target}/${name}`));
  return [...entries.flatMap((e) => e.diagnostics), ...crossFileDiagnostics(entries)];
}

afterAll(removeTempDirs);

describe('each broken fixture gives exactly its diagnostic', () => {
  const engineRules = BROKEN.filter((b) => !CLI_ONLY_RULES.has(b.diagnostic.rule));
  it.each(engineRules.map((b) => [b.diagnostic.rule, b] as const))('%s', (_rule, fixture) => {
    // `info` says what the engine understood (a fixture's `systemctl stop` is inferred destructive): not the fixture's problem.
    const found = diagnose(fixture.target).filter((d) => d.severity !== 'info' || fixture.diagnostic.severity === 'info');
    expect(found).toMatchObject([fixture.diagnostic]);
  });

  it('covers every rule the engine produces', () => {
    const rules = new Set(BROKEN.map((b) => b.diagnostic.rule));
    const known = [
      'yaml-syntax', 'frontmatter-shape', 'frontmatter-unknown-key', 'param-default', 'param-pattern', 'mask-pattern',
      'environment-default-protected', 'attribute-syntax', 'attribute-unknown', 'attribute-value', 'attribute-conflict',
      'duplicate-id', 'needs-unknown', 'on-failure-unknown', 'cycle', 'unreachable', 'needs-duplicate', 'needs-ignored', 'expect-without-step',
      'duplicate-runbook-id', 'duplicate-alias', 'no-steps', 'file-unreadable',
      'fence-info-ignored', 'command-unparsable', 'prompts-read', 'console-without-prompt', 'risk-inferred', 'interactive-inferred', 'param-inferred', 'runme-attribute-ignored',
    ];
    expect([...rules].sort()).toEqual([...known].sort());
  });
});

describe('cross-file rules', () => {
  const fake = (display: string, markdown: string): LoadedRunbook => {
    const { runbook } = parseRunbook(markdown, `/x/${display}`, display);
    return { runbook, graph: buildGraph(runbook).graph, diagnostics: [], display, source: markdown };
  };

  it('ids and aliases compare case-insensitively; an alias equal to another id is a duplicate alias', () => {
    const list = crossFileDiagnostics([
      fake('a.md', '---\nid: RB-01\naliases: [restore]\n---\n'),
      fake('b.md', '---\nid: rb-01\n---\n'),
      fake('c.md', '---\nid: RB-03\naliases: [RESTORE, rb-01]\n---\n'),
    ]);
    expect(list.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual([
      'b.md:2:5 duplicate-runbook-id',
      'c.md:3:10 duplicate-alias',
      'c.md:3:10 duplicate-alias',
    ]);
  });

  it('two plain Markdown files with the same name are told apart by path, not an error', () => {
    expect(crossFileDiagnostics([fake('a/setup.md', '# Setup\n'), fake('b/setup.md', '# Setup\n')])).toEqual([]);
  });
});

describe('unreadable files give a clear reason, never a stack trace', () => {
  const reason = (path: string): string => {
    try {
      readSource(path, 'rb.md');
    } catch (error) {
      expect(error).toBeInstanceOf(LoadError);
      return (error as LoadError).message;
    }
    throw new Error('expected readSource to refuse the file');
  };

  it('binary, non-UTF-8, dangling link, directory, missing', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bin.md'), Buffer.from([0x23, 0x20, 0x00, 0x01]));
    writeFileSync(join(dir, 'latin1.md'), Buffer.from('# Configuraci\xf3n\n', 'latin1'));
    symlinkSync(join(dir, 'nowhere.md'), join(dir, 'dangling.md'));
    expect(reason(join(dir, 'bin.md'))).toBe('rb.md is a binary file (NUL byte at offset 2), expected Markdown text');
    expect(reason(join(dir, 'latin1.md'))).toBe('rb.md is not valid UTF-8 text');
    expect(reason(join(dir, 'dangling.md'))).toBe('rb.md is a symbolic link to a file that does not exist');
    expect(reason(dir)).toBe('rb.md is a directory, expected a Markdown file');
    expect(reason(join(dir, 'missing.md'))).toBe('rb.md does not exist');
  });

  it('reads UTF-8 text as it is', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ok.md'), '# Configuración ✓\n');
    expect(readSource(join(dir, 'ok.md'))).toBe('# Configuración ✓\n');
  });
});
