/**
 * Property-based: whatever Markdown an author (or a fuzzer) writes, parsing
 * and graph building return diagnostics and never throw, and every
 * diagnostic points inside the file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../engine/graph/build.js';
import type { Diagnostic } from '../../engine/model.js';
import { parseRunbook } from '../../engine/parse/parse-runbook.js';

/** Bounded by default; `FUZZ_RUNS=5000 npx vitest run test/property` digs deeper. */
const RUNS = { numRuns: Number(process.env.FUZZ_RUNS ?? 200) };

const word = fc.constantFrom('stop', 'start', 'db', 'Configuración', 'ñandú', 'a', 'x-1', '$STATUS', '"q"', '\\', '', ' ', '{', '}', '=', ',', '#');
const text = fc.array(word, { maxLength: 6 }).map((w) => w.join(' '));

const KEYS = ['id', 'name', 'destructive', 'timeout', 'retry', 'delay', 'wait', 'interval', 'capture', 'secret', 'needs', 'if', 'on-failure', 'rollback', 'continue-on-error', 'cwd', 'interactive', 'expect', 'bogus', 'toString'];
const VALUES = ['a', 'b', 'a,b', '30s', '1h30m', 'abc', '0', '3', 'X', '"test \\"$S\\" != UP"', "'x y'", '"unclosed', '', 'true', 'false', 'contains', 'regex'];
const pair = fc.tuple(fc.constantFrom(...KEYS), fc.option(fc.constantFrom(...VALUES), { nil: undefined })).map(([k, v]) => (v === undefined ? k : `${k}=${v}`));
const structuredAttributes = fc.tuple(fc.array(pair, { maxLength: 5 }), fc.constantFrom('{ ', '{', ''), fc.constantFrom(' }', '}', '', '} extra')).map(([pairs, open, close]) => `${open}${pairs.join(' ')}${close}`);
const jsonAttributes = fc.dictionary(fc.constantFrom(...KEYS), fc.oneof(fc.constantFrom(...VALUES), fc.boolean(), fc.constant(null), fc.array(fc.constantFrom('a', 'b')))).map((o) => JSON.stringify(o));
const attributes = fc.oneof(structuredAttributes, jsonAttributes, fc.string({ maxLength: 30 }));

const LANGS = ['sh', 'bash', 'shell', 'zsh', 'console', 'text', 'yaml', 'sql', 'mermaid', 'BASH', ''];
const bodyLine = fc.oneof(text, text.map((t) => `$ ${t}`), text.map((t) => `$ ${t} \\`), fc.constantFrom('$', '```', '~~~', '---', '> [!NOTE]'), fc.string({ maxLength: 20 }));
const fence = fc
  .tuple(fc.constantFrom('```', '~~~', '````'), fc.oneof(fc.constantFrom(...LANGS), fc.string({ maxLength: 8 })), attributes, fc.array(bodyLine, { maxLength: 4 }), fc.boolean())
  .map(([f, lang, attrs, body, closed]) => `${f}${lang} ${attrs}\n${body.join('\n')}${closed ? `\n${f}` : ''}`);

const block = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 6 }), text).map(([n, t]) => `${'#'.repeat(n)} ${t}`),
  fence,
  fc.array(fc.tuple(fc.constantFrom('[ ]', '[x]', '[X]', ''), text), { minLength: 1, maxLength: 3 }).map((items) => items.map(([box, t]) => `- ${box} ${t}`).join('\n')),
  fc.tuple(fc.constantFrom('[!WARNING]', '[!NOTE]', '[!caution]', '[!FOO]', ''), text).map(([kind, t]) => `> ${kind} ${t}\n> ${t}`),
  fc.tuple(text, fence).map(([t, f]) => `1. ${t}\n\n${f.split('\n').map((l) => `   ${l}`).join('\n')}`),
  text,
  fc.string({ maxLength: 40 }),
);

const yamlValue = fc.oneof(
  fc.constantFrom('RB-1', '5m', 'abc', 'critical', 'urgent', '[a, b]', '[unclosed', '{x: 1}', '"quoted', '- item', 'a: b: c', '\t', '!!binary x', '*alias', '&anchor x', 'null', '~', '30'),
  fc.string({ maxLength: 15 }),
);
const FM_KEYS = ['id', 'title', 'aliases', 'severity', 'tags', 'estimated', 'timeout', 'environments', 'params', 'requires', 'preconditions', 'escalation', 'mask', 'unknown-key', 'id'];
const yamlLine = fc.oneof(
  fc.tuple(fc.constantFrom(...FM_KEYS), yamlValue).map(([k, v]) => `${k}: ${v}`),
  fc.tuple(fc.constantFrom('  ', '    ', '  - '), fc.constantFrom('name', 'run', 'pattern', 'default', 'choices', 'protected', 'vars', 'BACKUP'), yamlValue).map(([i, k, v]) => `${i}${k}: ${v}`),
  fc.string({ maxLength: 20 }),
);
const frontMatter = fc.option(
  fc.array(yamlLine, { maxLength: 8 }).map((lines) => `---\n${lines.join('\n')}\n---\n`),
  { nil: '' },
);

const markdown = fc.tuple(frontMatter, fc.array(block, { maxLength: 12 })).map(([fm, blocks]) => `${fm}${blocks.join('\n\n')}\n`);

function check(source: string): Diagnostic[] {
  const { runbook, diagnostics } = parseRunbook(source, '/fuzz/runbook.md', 'runbook.md');
  const graph = buildGraph(runbook, 'runbook.md');
  return [...diagnostics, ...graph.diagnostics];
}

function expectWellFormed(source: string, diagnostics: Diagnostic[]): void {
  const lines = source.split('\n').length;
  for (const d of diagnostics) {
    expect(d.file).toBe('runbook.md');
    expect(Number.isInteger(d.line) && d.line >= 1 && d.line <= lines).toBe(true);
    expect(Number.isInteger(d.column) && d.column >= 1).toBe(true);
    expect(['error', 'warning', 'info']).toContain(d.severity);
    expect(d.rule).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(d.message.length).toBeGreaterThan(0);
  }
}

describe('parseRunbook + buildGraph on generated Markdown', () => {
  it('never throw, and every diagnostic has a position in the file and a known severity', () => {
    fc.assert(
      fc.property(markdown, (source) => {
        expectWellFormed(source, check(source));
      }),
      RUNS,
    );
  });

  it('the graph only names steps that exist, each once in the flow', () => {
    fc.assert(
      fc.property(markdown, (source) => {
        const { runbook } = parseRunbook(source, '/fuzz/runbook.md');
        const { graph } = buildGraph(runbook);
        const ids = new Set(runbook.steps.map((s) => s.id));
        expect(new Set(graph.flow).size).toBe(graph.flow.length);
        for (const id of [...graph.flow, ...graph.handlers, ...graph.rollback]) expect(ids.has(id)).toBe(true);
        for (const edge of graph.edges) expect(ids.has(edge.from) && ids.has(edge.to)).toBe(true);
      }),
      RUNS,
    );
  });

  it('the runbook model is plain data that survives a JSON round trip (as the cache stores it)', () => {
    fc.assert(
      fc.property(markdown, (source) => {
        const { runbook } = parseRunbook(source, '/fuzz/runbook.md');
        expect(JSON.parse(JSON.stringify(runbook))).toEqual(runbook);
      }),
      RUNS,
    );
  });

  it('arbitrary text never throws either', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'grapheme' }), (source) => {
        expectWellFormed(source, check(source));
      }),
      RUNS,
    );
  });
});
