/** `runbook lab up|status|down|reset|faults|inject|exam`: the manuals' systems on a real Docker engine. */
import { UsageError } from '../../errors.js';
import { labDown } from '../../lab/down.js';
import { examCommand, scoreWhenTimeUp } from './lab-exam.js';
import { FAULTS } from '../../lab/faults/index.js';
import { labInject } from '../../lab/inject.js';
import { labDir } from '../../lab/paths.js';
import { labReset } from '../../lab/reset.js';
import { openLab, systemsNamed } from '../../lab/session.js';
import { labStatus, systemsUp } from '../../lab/status.js';
import { labUp } from '../../lab/up.js';
import type { CliContext } from '../context.js';
import { flag, formatValue, stringValue, type ParsedArgs } from '../parse-args.js';
import { textTable } from '../present/table.js';

export const LAB_SUBCOMMANDS = ['up', 'status', 'down', 'reset', 'faults', 'inject', 'exam'];

export async function run(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const [sub, ...rest] = args.positionals;
  const root = labDir(ctx.env, stringValue(args, 'lab-dir'), ctx.cwd);
  const json = formatValue(args, 'text') === 'json';
  const progress = json ? 'silent' : ctx.stdout.isTTY === true ? 'default' : 'simple';
  const { t } = ctx;
  const noExtra = () => {
    if (rest.length > 0) throw new UsageError('error.extraArgs', { command: `lab ${sub ?? ''}`, extra: rest.join(' ') });
  };
  // Time-up is real: an open exam sitting past its end is scored before the command does anything.
  if (LAB_SUBCOMMANDS.includes(sub ?? '') && !(sub === 'exam' && (flag(args, 'check') || flag(args, 'wait')))) await scoreWhenTimeUp(ctx, args, root);
  switch (sub) {
    case 'up': {
      const systems = systemsNamed(rest);
      const l = await labUp(root, ctx.env, systems, t, progress);
      ctx.out(t('lab.up.done', { systems: systems.map((s) => s.name).join(', '), host: l.info.dockerHost, dir: root }));
      return 0;
    }
    case 'status': {
      noExtra();
      const status = await labStatus(await openLab(root, ctx.env));
      if (json) ctx.out(JSON.stringify(status, null, 2));
      else {
        ctx.out(t('lab.status.header', { host: status.dockerHost, dir: status.labDir }));
        const rows = status.systems.flatMap((s) => s.containers.map((c) => [s.name, c.name, c.running ? t('lab.yes') : t('lab.no'), c.healthy ? t('lab.yes') : t('lab.no'), c.problem ?? '']));
        ctx.out(textTable([t('lab.col.system'), t('lab.col.container'), t('lab.col.running'), t('lab.col.healthy'), t('lab.col.problem')], rows));
        for (const s of status.systems) ctx.out(s.healthy ? t('lab.status.healthy', { system: s.name }) : t('lab.status.unhealthy', { system: s.name, problems: s.problems.join('; ') }));
      }
      return status.systems.every((s) => s.healthy) ? 0 : 1;
    }
    case 'down': {
      noExtra();
      const r = await labDown(root, ctx.env, flag(args, 'purge'));
      if (json) ctx.out(JSON.stringify(r, null, 2));
      else ctx.out(t('lab.down.done', { containers: r.containers.length, networks: r.networks.length, volumes: r.volumes.length, images: r.images }));
      if (!json && r.cronLines > 0) ctx.out(t('lab.down.cron', { lines: r.cronLines }));
      return 0;
    }
    case 'reset': {
      const l = await openLab(root, ctx.env);
      const systems = rest.length ? systemsNamed(rest) : systemsUp(l);
      await labReset(root, ctx.env, systems, t, progress);
      ctx.out(t('lab.reset.done', { systems: systems.map((s) => s.name).join(', ') }));
      return 0;
    }
    case 'faults': {
      noExtra();
      const list = FAULTS.map((f) => ({ id: f.id, system: f.system, description: t(f.description), runbook: f.runbook }));
      if (json) ctx.out(JSON.stringify(list, null, 2));
      else ctx.out(textTable([t('lab.col.fault'), t('lab.col.system'), t('lab.col.runbook'), t('lab.col.description')], list.map((f) => [f.id, f.system, f.runbook, f.description])));
      return 0;
    }
    case 'inject': {
      const [fault, ...extra] = rest;
      if (fault === undefined) throw new UsageError('lab.injectNeedsFault', { faults: [...new Set(FAULTS.map((f) => f.id))].join(', ') });
      if (extra.length > 0) throw new UsageError('error.extraArgs', { command: 'lab inject', extra: extra.join(' ') });
      const injected = await labInject(root, ctx.env, fault, stringValue(args, 'system'));
      if (json) ctx.out(JSON.stringify(injected, null, 2));
      else ctx.out(t('lab.inject.done', { fault: injected.id, system: injected.system, runbook: injected.runbook }));
      return 0;
    }
    case 'exam':
      noExtra();
      return examCommand(ctx, args, root);
    default:
      throw new UsageError(sub === undefined ? 'lab.needsSubcommand' : 'lab.unknownSubcommand', { sub: sub ?? '', subs: LAB_SUBCOMMANDS.join(', ') });
  }
}
