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

/** Option titles as one value, quoted by each language's template. */
const listed = (titles: string[]) => titles.join(' / ');

function chosenBefore(ctx: RunContext, group: number): number | undefined {
  const decision = ctx.journal.state.decisions.find((d) => d.choice === 'alternative' && d.reason?.data.group === group);
  const option = decision?.reason?.data.option;
  return typeof option === 'number' ? option : undefined;
}

/**
 * The options the run can take: all of them, or — when `--from`/`--only`/`--until` (or a resume)
 * left steps out — those with a planned step, so a selected option is never passed over.
 */
function candidates(ctx: RunContext, group: AlternativeGroup, planned: ReadonlySet<string>): number[] {
  const all = group.options.map((_, n) => n);
  if (everyPlanned(ctx.graph.flow, planned)) return all;
  const some = all.filter((n) => group.options[n]?.steps.some((id) => planned.has(id)));
  return some.length > 0 ? some : all;
}

/** Whether the plan holds the whole flow, worked out once per plan (asked once per group of alternatives). */
const whole = new WeakMap<ReadonlySet<string>, boolean>();

function everyPlanned(flow: readonly string[], planned: ReadonlySet<string>): boolean {
  let all = whole.get(planned);
  if (all === undefined) {
    all = flow.every((id) => planned.has(id));
    whole.set(planned, all);
  }
  return all;
}

async function choose(ctx: RunContext, group: AlternativeGroup, index: number, planned: ReadonlySet<string>): Promise<number> {
  const titles = group.options.map((o) => o.title);
  const open = candidates(ctx, group, planned);
  const { attendance, t, ui } = ctx;
  const asked = attendance.kind === 'attended' && ctx.mode !== 'dry-run' && open.length > 1;
  let option = open[0] ?? 0;
  if (asked) {
    ui.line();
    const value = await ask(ctx, attendance.prompter, t('prompt.alternative', { options: listed(open.map((n) => titles[n] ?? '')) }), open.map((n) => ({ value: String(n), label: titles[n] ?? '' })), String(option));
    option = Number(value);
  }
  const title = titles[option] ?? '';
  const others = listed(titles.filter((_, n) => n !== option));
  const said = asked ? 'run.alternativeChosen' : open.length < group.options.length ? 'run.alternativeSelected' : ctx.mode === 'dry-run' ? 'run.alternativeDry' : 'run.alternativeFirst';
  ui.result('info', t(said, { title, others }));
  // Journaled on the chosen option's first step (none: an option done by hand), whichever step asked.
  const first = group.options[option]?.steps[0];
  const why = asked ? 'reason.alternativeChosen' : said === 'run.alternativeSelected' ? 'reason.alternativeSelected' : 'reason.alternativeFirst';
  decide(ctx, 'alternative', first !== undefined ? ctx.steps.get(first) : undefined, { reason: reason(why, { group: index, option, title, options: listed(titles) }) });
  return option;
}

/** Why this step does not run: an option of its group that was not chosen (asked now if nothing was chosen yet). */
export async function notChosen(ctx: RunContext, step: Step, planned: ReadonlySet<string>): Promise<Reason | undefined> {
  const groups = ctx.graph.alternatives;
  if (groups.length === 0) return undefined;
  const at = alternativeOf(groups, step.id);
  const group = at && groups[at.group];
  if (!at || !group) return undefined;
  const option = chosenBefore(ctx, at.group) ?? (await choose(ctx, group, at.group, planned));
  if (option === at.option) return undefined;
  return reason('reason.alternativeNotChosen', { chosen: group.options[option]?.title ?? '', option: group.options[at.option]?.title ?? '' });
}
