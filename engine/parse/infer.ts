/**
 * What the engine reads into a command when its author is silent: risk (the
 * risk table), interactive and endless commands, and placeholders that
 * become params. Each inference is told to the author as an `info`
 * diagnostic, and `show` explains it.
 */
import { msg, type DiagnosticList } from '../diagnostics.js';
import type { CommandStep, FrontMatter, InferredParam, Step } from '../model.js';
import { inferEndless } from './endless.js';
import { inferParams } from './placeholders.js';
import { inferRisk } from './risk.js';

export function applyInferences(steps: Step[], fm: FrontMatter, out: DiagnosticList): { steps: Step[]; inferredParams: InferredParam[] } {
  const commands = steps.filter((s): s is CommandStep => s.kind === 'command');
  const { params, placeholders } = inferParams(commands, fm);
  const updated = steps.map((step): Step => {
    if (step.kind !== 'command') return step;
    let next: CommandStep = step;
    if (!('destructive' in step.attributes)) {
      const risk = inferRisk(step.command);
      if (risk) {
        next = { ...next, destructive: true, risk };
        out.info(step.position, 'risk-inferred', msg('risk-inferred', { step: step.id, match: risk.match, rule: risk.rule }));
      }
    }
    if (!('interactive' in step.attributes)) {
      const endless = inferEndless(step.command);
      if (endless) {
        next = { ...next, endless, interactive: step.capture === undefined && step.expect === undefined };
        out.info(step.position, 'interactive-inferred', msg('interactive-inferred', { step: step.id, match: endless.match, rule: endless.rule }));
      }
    }
    const own = placeholders.get(step.id);
    if (own) next = { ...next, placeholders: own };
    return next;
  });
  const byId = new Map<string, CommandStep>();
  for (const s of commands) if (!byId.has(s.id)) byId.set(s.id, s);
  for (const p of params) {
    const first = p.steps[0] === undefined ? undefined : byId.get(p.steps[0]);
    out.info(first?.position ?? { line: 1, column: 1 }, 'param-inferred', msg('param-inferred', { name: p.name, steps: p.steps.join(', ') }));
  }
  return { steps: updated, inferredParams: params.map((p) => ({ name: p.name, kind: p.kind, description: p.description, steps: p.steps })) };
}
