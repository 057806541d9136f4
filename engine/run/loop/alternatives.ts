/**
 * Alternative sections (`graph/alternatives.ts`) in the run: when the flow
 * reaches the first step of a group, the attended operator chooses one option;
 * under `--yes` and in a dry run the first is taken. The choice is a
 * `decision` (choice `alternative`, reason data `group`/`option`), so a
 * resumed run keeps it; the steps of the other options end as `skipped` with
 * the reason `reason.alternativeNotChosen`.
 */
import { alternativeOf, type AlternativeGroup } from '../../graph/alternatives.js';
import { reason, type Reason } from '../../journal/events.js';
import type { Step } from '../../model.js';
import type { RunContext } from '../context.js';
import { ask, decide } from './record.js';

const quoted = (titles: string[]) => titles.map((title) => `“${title}”`).join(', ');

function chosenBefore(ctx: RunContext, group: number): number | undefined {
  const decision = ctx.journal.state.decisions.find((d) => d.choice === 'alternative' && d.reason?.data.group === group);
  const option = decision?.reason?.data.option;
  return typeof option === 'number' ? option : undefined;
}

async function choose(ctx: RunContext, group: AlternativeGroup, index: number): Promise<number> {
  const titles = group.options.map((o) => o.title);
  const { attendance, t, ui } = ctx;
  const asked = attendance.kind === 'attended' && ctx.mode !== 'dry-run';
  let option = 0;
  if (asked) {
    ui.line();
    const value = await ask(ctx, attendance.prompter, t('prompt.alternative', { options: quoted(titles) }), group.options.map((o, n) => ({ value: String(n), label: o.title })), '0');
    option = Number(value);
  }
  const title = titles[option] ?? '';
  const others = quoted(titles.filter((_, n) => n !== option));
  ui.result('info', t(asked ? 'run.alternativeChosen' : ctx.mode === 'dry-run' ? 'run.alternativeDry' : 'run.alternativeFirst', { title, others }));
  // Journaled on the chosen option's first step (none: an option done by hand), whichever step asked.
  const first = group.options[option]?.steps[0];
  decide(ctx, 'alternative', first !== undefined ? ctx.steps.get(first) : undefined, { reason: reason(asked ? 'reason.alternativeChosen' : 'reason.alternativeFirst', { group: index, option, title, options: quoted(titles) }) });
  return option;
}

/** Why this step does not run: an option of its group that was not chosen (asked now if nothing was chosen yet). */
export async function notChosen(ctx: RunContext, step: Step): Promise<Reason | undefined> {
  const groups = ctx.graph.alternatives;
  if (groups.length === 0) return undefined;
  const at = alternativeOf(groups, step.id);
  const group = at && groups[at.group];
  if (!at || !group) return undefined;
  const option = chosenBefore(ctx, at.group) ?? (await choose(ctx, group, at.group));
  if (option === at.option) return undefined;
  return reason('reason.alternativeNotChosen', { chosen: group.options[option]?.title ?? '', option: group.options[at.option]?.title ?? '' });
}
