/**
 * Inferred params, attended: each is asked (validated non-empty) right
 * before the first step that needs it, not all at the start; the answer is
 * journaled (`param`) like the params of `run-started`, so `resume` does not
 * ask it again. Under `--yes` and in a dry run they were settled before the
 * run started (`preflight/params.ts`).
 */
import type { InferredParam, Step } from '../../model.js';
import { paramProblem } from '../preflight/params.js';
import type { RunContext } from '../context.js';

export async function askInferredFor(ctx: RunContext, step: Step): Promise<void> {
  if (ctx.attendance.kind !== 'attended' || ctx.mode === 'dry-run') return;
  const { prompter } = ctx.attendance;
  const fm = ctx.graph.runbook.frontMatter;
  for (const p of ctx.graph.runbook.inferredParams) {
    const spec = fm.params[p.name];
    if (spec?.inferred !== true || !stepsOf(p).has(step.id) || ctx.variables.get(p.name) !== undefined) continue;
    const validate = (v: string) => (v === '' ? ctx.t('error.paramEmpty', { name: p.name }) : (paramProblem(p.name, spec, v, ctx.t) ?? true));
    const value = await prompter.text(`${p.name}${spec.description ? ` — ${spec.description}` : ''}`, { validate });
    ctx.variables.set(p.name, value, { source: 'param' });
    ctx.journal.append({ type: 'param', name: p.name, value: ctx.masker.mask(value), step: step.id });
  }
}

/** Each inferred param's steps as a set, made once (a param every step uses is not a scan per step). */
const stepSets = new WeakMap<InferredParam, ReadonlySet<string>>();

function stepsOf(p: InferredParam): ReadonlySet<string> {
  let set = stepSets.get(p);
  if (!set) {
    set = new Set(p.steps);
    stepSets.set(p, set);
  }
  return set;
}
