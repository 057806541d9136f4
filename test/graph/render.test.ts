/** Mermaid, DOT and JSON renderings of the step graph. */
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../engine/graph/build.js';
import { toDot, toGraphJson, toMermaid } from '../../engine/graph/render.js';
import type { Runbook } from '../../engine/model.js';
import { parseRunbook } from '../../engine/parse/parse-runbook.js';

const MARKDOWN = `---
id: RB-G
---
# Grafo

\`\`\`sh { id=check }
curl -fsS localhost/health
\`\`\`

\`\`\`sh { id=stop destructive if="test \\"$S\\" = UP" on-failure=force }
systemctl stop app
\`\`\`

\`\`\`sh { id=force destructive=false }
systemctl kill app
\`\`\`

- [ ] Avisar

\`\`\`sh { id=undo rollback }
systemctl start app
\`\`\`

\`\`\`sh { id=undo-2 rollback destructive }
rm -f /tmp/lock
\`\`\`
`;

function graph(mutate: (runbook: Runbook) => void = () => {}) {
  const { runbook, diagnostics } = parseRunbook(MARKDOWN, '/x/g.md', 'g.md');
  expect(diagnostics).toEqual([]);
  mutate(runbook);
  return buildGraph(runbook, 'g.md').graph;
}

describe('Mermaid', () => {
  it('draws the flow, the handler, the rollback path and marks destructive steps', () => {
    expect(toMermaid(graph())).toBe(
      [
        'flowchart TD',
        '  s0["check"]',
        '  s1{{"⚠? stop"}}',
        '  s2(["☐ avisar"])',
        '  subgraph rollback [rollback]',
        '    s3["undo"]',
        '    s4["⚠ undo-2"]',
        '  end',
        '  s5["force"]',
        '  s0 --> s1',
        '  s1 --> s2',
        '  s1 -. on-failure .-> s5',
        '  s3 ==> s4',
        '  classDef destructive fill:#fde2e1,stroke:#c0392b,color:#7b1e16',
        '  class s1,s4 destructive',
        '',
      ].join('\n'),
    );
  });

  it('escapes quotes and angle brackets in labels', () => {
    const text = toMermaid(
      graph((rb) => {
        const step = rb.steps[0];
        if (step) step.id = 'say "hi" <now>';
      }),
    );
    expect(text).toContain('s0["say #quot;hi#quot; #lt;now#gt;"]');
    expect(text).not.toContain('"hi"');
  });
});

describe('DOT', () => {
  it('lists every step with its shape and every edge with its kind', () => {
    expect(toDot(graph())).toBe(
      [
        'digraph "RB-G" {',
        '  rankdir=TB;',
        '  node [shape=box, fontname="sans-serif"];',
        '  "check" [label="check"];',
        '  "stop" [label="⚠? stop", color=red];',
        '  "force" [label="force"];',
        '  "avisar" [label="☐ avisar", shape=oval];',
        '  "undo" [label="undo", style=dashed];',
        '  "undo-2" [label="⚠ undo-2", color=red, style=dashed];',
        '  "check" -> "stop";',
        '  "stop" -> "avisar";',
        '  "stop" -> "force" [style=dashed, label="on-failure"];',
        '  "undo" -> "undo-2" [style=bold, label="rollback"];',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('escapes quotes and backslashes', () => {
    const text = toDot(
      graph((rb) => {
        rb.id = 'RB "x"';
        const step = rb.steps[0];
        if (step) step.id = 'a\\b"c';
      }),
    );
    expect(text).toContain('digraph "RB \\"x\\"" {');
    expect(text).toContain('"a\\\\b\\"c" [label="a\\\\b\\"c"];');
  });
});

describe('JSON', () => {
  it('gives flow, handlers, rollback, nodes and edges', () => {
    const json = toGraphJson(graph()) as Record<string, unknown>;
    expect(json).toEqual({
      id: 'RB-G',
      flow: ['check', 'stop', 'avisar'],
      handlers: ['force'],
      rollback: ['undo', 'undo-2'],
      nodes: [
        { id: 'check', kind: 'command', line: 6, destructive: false, rollback: false },
        { id: 'stop', kind: 'command', line: 10, destructive: true, if: 'test "$S" = UP', rollback: false },
        { id: 'force', kind: 'command', line: 14, destructive: false, rollback: false },
        { id: 'avisar', kind: 'manual', line: 18, rollback: false },
        { id: 'undo', kind: 'command', line: 20, destructive: false, rollback: true },
        { id: 'undo-2', kind: 'command', line: 24, destructive: true, rollback: true },
      ],
      edges: [
        { from: 'check', to: 'stop', kind: 'needs' },
        { from: 'stop', to: 'avisar', kind: 'needs' },
        { from: 'stop', to: 'force', kind: 'on-failure' },
        { from: 'undo', to: 'undo-2', kind: 'rollback' },
      ],
    });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
