/** The step graph: dependencies, execution order, handlers, rollback path and its validation. */
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../engine/graph/build.js';
import { topologicalOrder } from '../../engine/graph/order.js';
import { parseRunbook } from '../../engine/parse/parse-runbook.js';

/** Builds a runbook from `id attributes` lines, one `sh` step each, under one heading. */
function graphOf(...steps: string[]) {
  const markdown = `# G\n\n${steps.map((s) => `\`\`\`sh { id=${s} }\necho\n\`\`\`\n`).join('\n')}`;
  const { runbook, diagnostics } = parseRunbook(markdown, '/x/g.md', 'g.md');
  expect(diagnostics).toEqual([]);
  return buildGraph(runbook, 'g.md');
}

const line = (n: number) => 3 + 4 * n;
const rendered = (list: { line: number; column: number; severity: string; rule: string }[]) => list.map((d) => `${d.line}:${d.column} ${d.severity} ${d.rule}`);

describe('dependencies and order', () => {
  it('by default each step needs the previous step of the normal flow', () => {
    const { graph, diagnostics } = graphOf('a', 'b', 'c');
    expect(diagnostics).toEqual([]);
    expect(graph.flow).toEqual(['a', 'b', 'c']);
    expect(graph.dependencies).toEqual({ a: [], b: ['a'], c: ['b'] });
    expect(graph.edges).toEqual([
      { from: 'a', to: 'b', kind: 'needs' },
      { from: 'b', to: 'c', kind: 'needs' },
    ]);
  });

  it('explicit needs replace the default, and order is topological', () => {
    const { graph } = graphOf('a', 'b', 'c needs=a', 'd');
    expect(graph.dependencies).toEqual({ a: [], b: ['a'], c: ['a'], d: ['c'] });
    expect(graph.flow).toEqual(['a', 'b', 'c', 'd']);
  });

  it('puts a step after what it needs even when written before it', () => {
    const { graph, diagnostics } = graphOf('setup', 'deploy needs=build', 'build needs=fetch', 'fetch needs=setup');
    expect(diagnostics).toEqual([]);
    expect(graph.flow).toEqual(['setup', 'fetch', 'build', 'deploy']);
  });

  it('breaks ties by document order', () => {
    const { graph } = graphOf('root', 'z needs=root', 'y needs=root', 'x needs=root', 'w needs=x,y,z');
    expect(graph.flow).toEqual(['root', 'z', 'y', 'x', 'w']);
    expect(topologicalOrder(['c', 'b', 'a'], {})).toEqual({ order: ['c', 'b', 'a'], cycles: [], blocked: [] });
  });

  it('manual steps are nodes of the flow like any other', () => {
    const { runbook } = parseRunbook('# A\n\n```sh { id=one }\necho\n```\n\n- [ ] Confirmar\n\n```sh { id=two }\necho\n```\n', '/x.md');
    const { graph } = buildGraph(runbook);
    expect(graph.flow).toEqual(['one', 'confirmar', 'two']);
    expect(graph.dependencies).toEqual({ one: [], confirmar: ['one'], two: ['confirmar'] });
  });
});

describe('handlers and the rollback path', () => {
  it('on-failure targets and rollback steps are left out of the normal flow', () => {
    const { graph, diagnostics } = graphOf('stop on-failure=force', 'force', 'restore destructive', 'undo-restore rollback', 'start', 'undo-stop rollback');
    expect(diagnostics).toEqual([]);
    expect(graph.flow).toEqual(['stop', 'restore', 'start']);
    expect(graph.handlers).toEqual(['force']);
    expect(graph.rollback).toEqual(['undo-restore', 'undo-stop']);
    // The default dependency skips over the handler and rollback steps.
    expect(graph.dependencies).toEqual({ stop: [], restore: ['stop'], start: ['restore'] });
    expect(graph.edges).toEqual([
      { from: 'stop', to: 'restore', kind: 'needs' },
      { from: 'restore', to: 'start', kind: 'needs' },
      { from: 'stop', to: 'force', kind: 'on-failure' },
      { from: 'undo-restore', to: 'undo-stop', kind: 'rollback' },
    ]);
  });

  it('a rollback step named by on-failure is a handler and stays on the rollback path', () => {
    const { graph } = graphOf('migrate destructive on-failure=restore', 'restore rollback', 'notify rollback');
    expect(graph.handlers).toEqual(['restore']);
    expect(graph.rollback).toEqual(['restore', 'notify']);
    expect(graph.flow).toEqual(['migrate']);
  });

  it('one handler may serve several steps', () => {
    const { graph } = graphOf('a on-failure=h', 'b on-failure=h', 'h');
    expect(graph.handlers).toEqual(['h']);
    expect(graph.edges.filter((e) => e.kind === 'on-failure')).toEqual([
      { from: 'a', to: 'h', kind: 'on-failure' },
      { from: 'b', to: 'h', kind: 'on-failure' },
    ]);
  });
});

describe('graph validation', () => {
  it('dangling needs and on-failure are errors at the attribute, with a suggestion', () => {
    const { diagnostics } = graphOf('stop', 'start needs=stpo', 'check on-failure=fixit');
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`)).toEqual([
      `${line(2)}:18 on-failure-unknown Unexpected \`on-failure=fixit\`, expected the id of a step in this runbook`,
      `${line(1)}:18 needs-unknown Unexpected \`needs=stpo\`, expected the id of a step in this runbook (did you mean \`stop\`?)`,
    ]);
  });

  it('a cycle is reported once, at the needs of its first step', () => {
    const { graph, diagnostics } = graphOf('a', 'b needs=c', 'c needs=d', 'd needs=b', 'e needs=a');
    expect(rendered(diagnostics)).toEqual([`${line(1)}:14 error cycle`]);
    expect(diagnostics[0]?.message).toBe('Unexpected dependency cycle `b` → `c` → `d` → `b`, expected steps that can run in some order');
    expect(graph.flow).toEqual(['a', 'e']);
  });

  it('a step that depends on a cycle is unreachable', () => {
    const { diagnostics } = graphOf('a needs=b', 'b needs=a', 'c needs=b');
    expect(rendered(diagnostics)).toEqual([`${line(0)}:14 error cycle`, `${line(2)}:14 error unreachable`]);
  });

  it('a step that is its own handler is a cycle', () => {
    expect(rendered(graphOf('a on-failure=a').diagnostics)).toEqual([`${line(0)}:14 error cycle`]);
  });

  it('needing a handler or a rollback step makes a step unreachable', () => {
    const { diagnostics } = graphOf('a on-failure=h', 'h', 'undo rollback', 'b needs=h', 'c needs=undo');
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`)).toEqual([
      `${line(3)}:14 unreachable Unexpected dependency on \`h\`, an on-failure handler that never runs in the normal flow, so \`b\` could never run`,
      `${line(4)}:14 unreachable Unexpected dependency on \`undo\`, a rollback step that never runs in the normal flow, so \`c\` could never run`,
    ]);
  });

  it('needs on a handler or rollback step is ignored, with a warning', () => {
    const { graph, diagnostics } = graphOf('a on-failure=h', 'h needs=a', 'undo rollback needs=a');
    expect(rendered(diagnostics)).toEqual([`${line(1)}:14 warning needs-ignored`, `${line(2)}:26 warning needs-ignored`]);
    expect(graph.dependencies).toEqual({ a: [] });
  });

  it('a step named twice in one needs runs once, with a warning (found by the property test)', () => {
    const { graph, diagnostics } = graphOf('a', 'b needs=a,a');
    expect(rendered(diagnostics)).toEqual([`${line(1)}:14 warning needs-duplicate`]);
    expect(graph.flow).toEqual(['a', 'b']);
    expect(graph.dependencies).toEqual({ a: [], b: ['a'] });
    expect(graph.edges).toEqual([{ from: 'a', to: 'b', kind: 'needs' }]);
  });

  it('a duplicated id keeps the first step in the graph', () => {
    const { runbook } = parseRunbook('```sh { id=a }\n1\n```\n\n```sh { id=a }\n2\n```\n', '/x.md');
    const { graph } = buildGraph(runbook);
    expect(graph.flow).toEqual(['a']);
  });
});
