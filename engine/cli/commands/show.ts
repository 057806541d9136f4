/** `runbook show <ref>`: the runbook as an operator will meet it. */
import { alternativeOf } from '../../graph/alternatives.js';
import { stepById, type StepGraph } from '../../graph/build.js';
import { MASK, type CommandStep, type ContextBlock, type Runbook, type Step } from '../../model.js';
import type { CliContext } from '../context.js';
import { formatValue, type ParsedArgs } from '../parse-args.js';
import { printDiagnostics } from '../present/diagnostics.js';
import { indent, stepTraits } from '../../run/operator/step-traits.js';
import { runbookFor } from '../runbook-source.js';
import { severityWord } from '../present/severity.js';

export async function run(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const loaded = await runbookFor(ctx, args, 'show');
  const { graph } = loaded;
  // Shown as it is, but its problems are not hidden: they go to stderr, once each, as `lint` would print them.
  printDiagnostics(ctx, loaded.diagnostics.filter((d) => d.severity !== 'info'), 'text', ctx.stderr);
  if (formatValue(args, 'text') === 'json') {
    ctx.out(JSON.stringify({ ...withoutSecretDefaults(loaded.runbook), path: loaded.display, flow: graph.flow, handlers: graph.handlers, rollback: graph.rollback, alternatives: graph.alternatives }, null, 2));
  } else {
    ctx.out(renderShow(graph, loaded.display, ctx));
  }
  return 0;
}

/** A secret param's default is masked in JSON too, as on screen. */
function withoutSecretDefaults(runbook: Runbook): Runbook {
  const params = Object.fromEntries(Object.entries(runbook.frontMatter.params).map(([name, p]) => [name, p.secret && p.default !== undefined ? { ...p, default: MASK } : p]));
  return { ...runbook, frontMatter: { ...runbook.frontMatter, params } };
}

export function renderShow(graph: StepGraph, display: string, ctx: CliContext): string {
  const { t, style } = ctx;
  const rb: Runbook = graph.runbook;
  const fm = rb.frontMatter;
  const lines: string[] = [];
  const field = (label: string, value: string | undefined) => value && lines.push(`${style.dim(`${`${label}:`.padEnd(15)} `)}${value}`);
  lines.push(style.bold(`${rb.id} — ${rb.title}`), '');
  field(t('show.file'), display);
  field(t('col.aliases'), fm.aliases.join(', '));
  field(t('col.severity'), severityWord(t, fm.severity));
  field(t('show.owner'), fm.owner);
  field(t('col.tags'), fm.tags.join(', '));
  field(t('col.estimated'), fm.estimated);
  field(t('show.downtime'), fm.downtime);
  if (fm.description) lines.push('', fm.description.trim());
  const envs = Object.entries(fm.environments);
  if (envs.length > 0) {
    lines.push('', style.bold(t('show.environments')));
    for (const [name, env] of envs) {
      const marks = [env.protected ? style.red(t('show.protected')) : '', env.default ? t('show.default') : ''].filter(Boolean).join(', ');
      lines.push(`  ${name}${marks ? ` (${marks})` : ''}${Object.keys(env.vars).length ? `: ${Object.keys(env.vars).join(', ')}` : ''}`);
    }
  }
  const params = Object.entries(fm.params);
  if (params.length > 0) {
    lines.push('', style.bold(t('show.params')));
    for (const [name, p] of params) {
      const bits = [
        p.required ? t('show.required') : '',
        p.secret ? t('show.secret') : '',
        p.default !== undefined ? `${t('show.default')}: ${p.secret ? MASK : p.default}` : '',
        p.choices ? `${t('show.choices')}: ${p.choices.join('|')}` : '',
        p.pattern ? `${t('show.pattern')}: ${p.pattern}` : '',
      ].filter(Boolean);
      lines.push(`  ${style.cyan(name)}${bits.length ? ` (${bits.join(', ')})` : ''}${p.description ? ` — ${p.description}` : ''}`);
    }
  }
  if (rb.inferredParams.length > 0) {
    lines.push('', style.bold(t('show.inferredParams')));
    for (const p of rb.inferredParams) lines.push(`  ${style.cyan(p.name)} (${t('show.usedBy', { steps: p.steps.join(', ') })}) — ${p.description}`);
  }
  const req = fm.requires;
  if (req.commands.length + req.env.length + req.files.length > 0) {
    lines.push('', style.bold(t('show.requires')));
    if (req.commands.length) lines.push(`  ${t('show.commands')}: ${req.commands.join(', ')}`);
    if (req.env.length) lines.push(`  ${t('show.env')}: ${req.env.join(', ')}`);
    if (req.files.length) lines.push(`  ${t('show.files')}: ${req.files.join(', ')}`);
  }
  if (fm.preconditions.length > 0) {
    lines.push('', style.bold(t('show.preconditions')));
    for (const p of fm.preconditions) lines.push(`  [${t(p.severity === 'error' ? 'label.error' : 'label.warning')}] ${p.name}`, indent(style.dim(p.run.trim()), '      '));
  }
  if (fm.escalation) lines.push('', style.bold(t('show.escalation')), `  ${t('show.escalationAfter', { after: fm.escalation.after ?? '—', contacts: fm.escalation.contacts.join(', ') })}`);

  lines.push('', style.bold(t('show.steps', { count: graph.flow.length })));
  let section = -1;
  graph.flow.forEach((id, n) => {
    const step = stepById(graph, id) as Step;
    if (step.section !== section) {
      section = step.section;
      const s = rb.sections[section];
      if (s) {
        lines.push('', `  ${style.bold(`§ ${s.title}`)}`);
        for (const alert of s.alerts) lines.push(indent(style.yellow(`[${t(`alert.${alert.kind}`)}] ${alert.text}`), '    '));
        lines.push(...sampleLines(rb.context.filter((c) => c.section === section && c.afterStep === undefined), '    ', ctx));
      }
    }
    lines.push(...stepLines(step, `${n + 1}.`, ctx, graph));
    lines.push(...sampleLines(rb.context.filter((c) => c.afterStep === step.index), '       ', ctx));
  });
  for (const [title, ids] of [
    [t('show.handlers'), graph.handlers],
    [t('show.rollback'), graph.rollback],
  ] as const) {
    if (ids.length === 0) continue;
    lines.push('', style.bold(title));
    ids.forEach((id, n) => lines.push(...stepLines(stepById(graph, id) as Step, `${n + 1}.`, ctx, graph)));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Context blocks where they stand: before a section's first step, or after the step they
 * illustrate; each with the paragraph that introduces it, labelled as an example, dimmed.
 */
function sampleLines(blocks: readonly ContextBlock[], pad: string, ctx: CliContext): string[] {
  const { t, style } = ctx;
  return blocks
    .filter((b) => b.lang !== 'mermaid')
    .flatMap((b) => [
      style.dim(`${pad}${b.intro ? `${b.intro}  ` : ''}[${t('show.sample', { lang: b.lang || 'text' })}]`),
      ...b.text.trimEnd().split('\n').map((line) => style.dim(`${pad}┆ ${line}`)),
    ]);
}

/** What the engine inferred about a step, and why. */
function whyLines(step: CommandStep, ctx: CliContext): string[] {
  const { t, style } = ctx;
  const out: string[] = [];
  if (step.risk) out.push(style.red(t('show.riskWhy', { match: step.risk.match, rule: step.risk.rule })));
  if (step.endless) out.push(style.yellow(t('show.endlessWhy', { match: step.endless.match, rule: step.endless.rule })));
  if (step.transcript) out.push(style.dim(t('show.transcript', { commands: step.transcript.commands, output: step.transcript.outputLines })));
  return out.map((line) => indent(line, '       '));
}

/** Why a step is one option of a group of alternative sections. */
function alternativeLine(step: Step, graph: StepGraph, ctx: CliContext): string[] {
  const at = alternativeOf(graph.alternatives, step.id);
  const group = at && graph.alternatives[at.group];
  if (!at || !group) return [];
  const options = group.options.map((o) => o.title).join(' / ');
  const line = ctx.t('show.alternativeWhy', { option: group.options[at.option]?.title ?? '', options, first: group.options[0]?.title ?? '' });
  return [indent(ctx.style.yellow(line), '       ')];
}

function stepLines(step: Step, number: string, ctx: CliContext, graph: StepGraph): string[] {
  const traits = stepTraits(step, ctx.t);
  const head = `    ${number} ${ctx.style.bold(step.id)}${traits.length ? `  ${ctx.style.dim(`[${traits.join(' · ')}]`)}` : ''}`;
  const lines = [head];
  if (step.description) lines.push(indent(step.description, '       '));
  lines.push(...alternativeLine(step, graph, ctx));
  if (step.kind === 'command') lines.push(...whyLines(step, ctx));
  lines.push(indent(step.kind === 'command' ? `$ ${step.command.trim()}` : `☐ ${step.text}`, '       '));
  return lines;
}
