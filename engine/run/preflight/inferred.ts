/**
 * The runbook as the shell will get it, and the checks made before anything
 * starts on what the engine inferred:
 * - each placeholder's text becomes a reference to its variable (`<ns>` →
 *   `"${NS}"`) in the text handed to the shell; the model, `show` and the
 *   journal's step list keep the command as written;
 * - inferred params are asked like required params (a `$VAR` the process
 *   environment already has is not asked);
 * - a relative `cwd` (attribute or front matter) is relative to the
 *   document's folder;
 * - a command bash cannot parse fails before anything starts, naming the
 *   step and the line; under `--yes`, an endless or interactive command
 *   (by the documented list) without a `timeout` is refused.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { FailedError } from '../../errors.js';
import type { CommandStep, ParamSpec, Runbook, Step } from '../../model.js';
import { shellCommand } from '../../parse/placeholders.js';
import { checkSyntaxCached } from '../../catalog/syntax-cache.js';
import { bashParses } from '../../parse/shell-syntax.js';

export function runnableRunbook(runbook: Runbook, env: NodeJS.ProcessEnv): Runbook {
  const folder = dirname(runbook.path);
  const fromDocument = (cwd: string | undefined) => (cwd === undefined || isAbsolute(cwd) || cwd.startsWith('~') || cwd.includes('$') ? cwd : resolve(folder, cwd));
  const steps = runbook.steps.map((step): Step => {
    if (step.kind !== 'command') return step;
    const cwd = fromDocument(step.cwd);
    return { ...step, command: shellCommand(step.command, step.placeholders), ...(cwd !== undefined && { cwd }) };
  });
  const inferred: Record<string, ParamSpec> = {};
  for (const p of runbook.inferredParams) {
    if (Object.hasOwn(runbook.frontMatter.params, p.name)) continue;
    if (p.kind === 'variable' && env[p.name] !== undefined) continue;
    inferred[p.name] = { description: p.description, required: true, secret: false, inferred: true };
  }
  const fmCwd = fromDocument(runbook.frontMatter.cwd);
  const frontMatter = { ...runbook.frontMatter, params: { ...runbook.frontMatter.params, ...inferred }, ...(fmCwd !== undefined && { cwd: fmCwd }) };
  return { ...runbook, steps, frontMatter };
}

/** Names of the inferred params the run will ask for (or refuse to start without, under `--yes`). */
export function inferredNames(runnable: Runbook, written: Runbook): string[] {
  return Object.keys(runnable.frontMatter.params).filter((name) => !Object.hasOwn(written.frontMatter.params, name));
}

/**
 * The params this run asks for: an inferred one is left out when every step that uses it is a
 * normal-flow step outside the plan (`--only`, `--from`, `--until`, excluded cells).
 */
export function paramsForPlan(runnable: Runbook, written: Runbook, flow: readonly string[], plan: readonly string[]): Record<string, ParamSpec> {
  const [inFlow, inPlan] = [new Set(flow), new Set(plan)];
  const unneeded = new Set(runnable.inferredParams.filter((p) => p.steps.every((id) => inFlow.has(id) && !inPlan.has(id))).map((p) => p.name));
  return Object.fromEntries(Object.entries(runnable.frontMatter.params).filter(([name]) => Object.hasOwn(written.frontMatter.params, name) || !unneeded.has(name)));
}

export async function refuseUnrunnable(steps: CommandStep[], options: { unattended: boolean; dryRun: boolean; cacheDir?: string | undefined; env?: NodeJS.ProcessEnv }): Promise<void> {
  if (!options.dryRun && options.unattended) {
    const endless = steps.find((s) => s.endless !== undefined && s.timeoutMs === undefined);
    if (endless?.endless) throw new FailedError('run.endlessRefused', { step: endless.id, match: endless.endless.match });
  }
  const parsed = steps.filter((s) => bashParses(s.lang));
  const [problems = []] = await checkSyntaxCached([parsed.map((s) => s.command)], { cacheDir: options.cacheDir, env: options.env ?? {} });
  const at = problems.findIndex((p) => p !== undefined);
  const bad = parsed[at];
  const problem = problems[at];
  if (bad && problem) throw new FailedError('run.commandUnparsable', { step: bad.id, line: problem.line, detail: problem.detail });
}
