/** The examples in docs/format.md are real runbooks: they parse, build a graph and lint clean. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Code } from 'mdast';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../engine/graph/build.js';
import { parseMarkdown } from '../../engine/parse/markdown.js';
import { parseRunbook } from '../../engine/parse/parse-runbook.js';
import { ROOT } from './run-cli.js';

const doc = readFileSync(join(ROOT, 'docs/format.md'), 'utf8');
const blocks = parseMarkdown(doc).children.filter((n): n is Code => n.type === 'code');

function lint(markdown: string) {
  const { runbook, diagnostics } = parseRunbook(markdown, '/docs/example.md', 'example.md');
  // `info` diagnostics tell what the engine understood (prompts read, inferred risk): not problems.
  return { runbook, diagnostics: [...diagnostics, ...buildGraph(runbook, 'example.md').diagnostics].filter((d) => d.severity !== 'info') };
}

describe('docs/format.md examples', () => {
  it('the first runbook is clean and has the steps the guide describes', () => {
    const first = blocks.find((b) => b.lang === 'markdown');
    const { runbook, diagnostics } = lint(first?.value ?? '');
    expect(diagnostics).toEqual([]);
    expect(runbook.steps.map((s) => s.id)).toEqual(['check-status', 'stop-backend', 'restore', 'avisar-en-incidencias-de-que-el', 'restore-previous']);
    expect(buildGraph(runbook).graph.rollback).toEqual(['restore-previous']);
  });

  it('every front matter and shell example parses without problems', () => {
    const yaml = blocks.filter((b) => b.lang === 'yaml');
    expect(yaml.length).toBeGreaterThanOrEqual(2);
    for (const block of yaml) expect(lint(`---\n${block.value}\n---\n`).diagnostics).toEqual([]);
    for (const block of blocks.filter((b) => b.lang === 'bash' || b.lang === 'console')) {
      expect(lint(`${'```'}${block.lang} ${block.meta ?? ''}\n${block.value}\n${'```'}\n`).diagnostics).toEqual([]);
    }
  });

  it('lists every rule id in its lint table', () => {
    for (const rule of ['yaml-syntax', 'frontmatter-shape', 'frontmatter-unknown-key', 'param-default', 'param-pattern', 'mask-pattern', 'environment-default-protected', 'attribute-syntax', 'attribute-unknown', 'attribute-value', 'attribute-conflict', 'duplicate-id', 'needs-unknown', 'on-failure-unknown', 'cycle', 'unreachable', 'needs-duplicate', 'needs-ignored', 'expect-without-step', 'duplicate-runbook-id', 'duplicate-alias', 'no-steps', 'file-unreadable', 'fence-info-ignored', 'command-unparsable', 'prompts-read', 'console-without-prompt', 'risk-inferred', 'interactive-inferred', 'param-inferred', 'runme-attribute-ignored', 'commands-unlabelled']) {
      expect(doc).toContain(`| \`${rule}\` |`);
    }
  });
});
