/** Step graph → Mermaid (renders on Git hosts), Graphviz DOT, or JSON. */
import type { Step } from '../model.js';
import { stepById, type StepGraph } from './build.js';

function label(step: Step): string {
  const marks = [
    step.kind === 'manual' ? '☐' : '',
    step.kind === 'command' && step.destructive ? '⚠' : '',
    step.if !== undefined ? '?' : '',
  ].join('');
  return `${marks ? `${marks} ` : ''}${step.id}`;
}

function mermaidText(text: string): string {
  return text.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}

export function toMermaid(graph: StepGraph): string {
  const ids = new Map<string, string>();
  const node = (id: string) => {
    if (!ids.has(id)) ids.set(id, `s${ids.size}`);
    return ids.get(id) as string;
  };
  const lines = ['flowchart TD'];
  const shape = (step: Step) => {
    const text = `"${mermaidText(label(step))}"`;
    if (step.kind === 'manual') return `${node(step.id)}([${text}])`;
    if (step.if !== undefined) return `${node(step.id)}{{${text}}}`;
    return `${node(step.id)}[${text}]`;
  };
  for (const id of graph.flow) lines.push(`  ${shape(stepById(graph, id) as Step)}`);
  const extra = [...graph.handlers, ...graph.rollback];
  if (graph.rollback.length > 0) {
    lines.push('  subgraph rollback [rollback]');
    for (const id of graph.rollback) lines.push(`    ${shape(stepById(graph, id) as Step)}`);
    lines.push('  end');
  }
  for (const id of graph.handlers) if (!graph.rollback.includes(id)) lines.push(`  ${shape(stepById(graph, id) as Step)}`);
  for (const edge of graph.edges) {
    const arrow = edge.kind === 'needs' ? '-->' : edge.kind === 'on-failure' ? '-. on-failure .->' : '==>';
    lines.push(`  ${node(edge.from)} ${arrow} ${node(edge.to)}`);
  }
  const destructive = [...graph.flow, ...extra].filter((id) => {
    const step = stepById(graph, id);
    return step?.kind === 'command' && step.destructive;
  });
  if (destructive.length > 0) {
    lines.push('  classDef destructive fill:#fde2e1,stroke:#c0392b,color:#7b1e16');
    lines.push(`  class ${destructive.map(node).join(',')} destructive`);
  }
  return `${lines.join('\n')}\n`;
}

function dotText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

export function toDot(graph: StepGraph): string {
  const lines = [`digraph "${dotText(graph.runbook.id)}" {`, '  rankdir=TB;', '  node [shape=box, fontname="sans-serif"];'];
  for (const step of graph.runbook.steps) {
    const attrs = [`label="${dotText(label(step))}"`];
    if (step.kind === 'manual') attrs.push('shape=oval');
    if (step.kind === 'command' && step.destructive) attrs.push('color=red');
    if (step.rollback) attrs.push('style=dashed');
    lines.push(`  "${dotText(step.id)}" [${attrs.join(', ')}];`);
  }
  for (const edge of graph.edges) {
    const style = edge.kind === 'needs' ? '' : edge.kind === 'on-failure' ? ' [style=dashed, label="on-failure"]' : ' [style=bold, label="rollback"]';
    lines.push(`  "${dotText(edge.from)}" -> "${dotText(edge.to)}"${style};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

export function toGraphJson(graph: StepGraph): object {
  return {
    id: graph.runbook.id,
    flow: graph.flow,
    handlers: graph.handlers,
    rollback: graph.rollback,
    nodes: graph.runbook.steps.map((s) => ({
      id: s.id,
      kind: s.kind,
      line: s.position.line,
      ...(s.kind === 'command' && { destructive: s.destructive }),
      ...(s.if !== undefined && { if: s.if }),
      rollback: s.rollback,
    })),
    edges: graph.edges,
  };
}
