/** An attempt's verdict once its expect block and polling are taken into account, and what it captures. */
import type { CommandStep } from '../../model.js';
import { reason } from '../../journal/events.js';
import type { ExecResult } from '../../process/runner.js';
import type { RunContext } from '../context.js';
import { boundDiff, checkExpectation } from '../expect.js';
import { REGEX_BUDGET_MS } from '../expect-regex.js';
import { shellFor, type StepOutcome } from './attempts.js';

export interface Verdict extends Pick<StepOutcome, 'status' | 'expectDiff' | 'reason'> {
  /** The whole masked diff, for the step log (the journal keeps a bounded one). */
  fullDiff?: string;
}

export async function judge(ctx: RunContext, step: CommandStep, result: ExecResult, polls: number, polling: boolean): Promise<Verdict> {
  if (result.spawnError !== undefined) return { status: 'failed', reason: reason('reason.spawnFailed', { shell: shellFor(step, ctx.graph.runbook.frontMatter.shell)[0] ?? '', error: result.spawnError }) };
  if (result.status === 'succeeded' && step.expect) {
    const checked = await checkExpectation(step.expect, result.stdout, step.timeoutMs ?? REGEX_BUDGET_MS);
    if ('overrunMs' in checked) return { status: 'failed', reason: reason('reason.expectOverrun', { seconds: Math.round(checked.overrunMs / 100) / 10 }) };
    // A secret capture's output is its value: no diff of it is kept anywhere.
    if ('diff' in checked && step.secretCapture) return { status: 'failed', reason: reason('reason.expectMismatchSecret') };
    if ('diff' in checked) {
      const diff = ctx.masker.mask(checked.diff);
      return { status: 'failed', expectDiff: boundDiff(diff), fullDiff: diff, reason: reason('reason.expectMismatch') };
    }
  }
  if (polling && gaveUp(step, result)) return { status: 'failed', reason: reason('reason.waitGaveUp', { count: polls, code: result.exitCode ?? 0 }) };
  if (result.status === 'failed' && polling) return { status: 'failed', reason: reason('reason.waitExhausted', { count: polls }) };
  return { status: result.status };
}

/** A `wait` try that failed with one of the step's `giveup` statuses: the state it waits for will not come by itself. */
export function gaveUp(step: CommandStep, result: ExecResult): boolean {
  return result.status === 'failed' && result.exitCode !== null && step.giveUp?.includes(result.exitCode) === true;
}

/** A captured value, decoded once from the step's bytes and trimmed; a secret one is masked from now on and never journaled. */
export function capture(ctx: RunContext, step: CommandStep, name: string, stdout: string): void {
  const value = stdout.trim();
  ctx.variables.set(name, value, { source: 'capture', secret: step.secretCapture, step: step.id });
  ctx.journal.append({ type: 'variable', step: step.id, name, secret: step.secretCapture, ...(!step.secretCapture && { value: ctx.masker.mask(value) }) });
}
