/** `lab exam` on the command line: start a sitting, or `--check` it. */
import { UsageError } from '../../errors.js';
import { stateDir } from '../../journal/layout.js';
import { checkExam, startExam } from '../../lab/exam/exam.js';
import type { CliContext } from '../context.js';
import { flag, formatValue, stringValue, type ParsedArgs } from '../parse-args.js';

function whole(args: ParsedArgs, name: 'seed' | 'faults' | 'minutes', fallback: number): number {
  const v = stringValue(args, name);
  if (v === undefined) return fallback;
  if (!/^[0-9]+$/.test(v)) throw new UsageError('lab.examBadNumber', { flag: `--${name}`, value: v });
  return Number(v);
}

export async function examCommand(ctx: CliContext, args: ParsedArgs, root: string): Promise<number> {
  const json = formatValue(args, 'text') === 'json';
  const { t } = ctx;
  if (flag(args, 'check')) {
    const sitting = await checkExam(root, ctx.env, stateDir(ctx.env, stringValue(args, 'state-dir'), ctx.cwd), ctx.t);
    const score = sitting.score;
    if (json || !score) ctx.out(JSON.stringify(sitting, null, 2));
    else {
      const yes = (b: boolean) => (b ? t('lab.yes') : t('lab.no'));
      for (const f of score.faults) ctx.out(t('lab.exam.fault', { fault: f.id, system: f.system, runbook: f.runbook, repaired: yes(f.repaired), data: yes(f.dataIntact), documented: yes(f.documented) }));
      ctx.out(t('lab.exam.score', { seed: sitting.seed, points: score.points, max: score.max, percent: score.percent, late: score.late ? t('lab.exam.late') : '' }));
    }
    return 0;
  }
  const seed = whole(args, 'seed', Math.floor(Math.random() * 1_000_000));
  const sitting = await startExam(root, ctx.env, { seed, faults: whole(args, 'faults', 3), minutes: whole(args, 'minutes', 45) }, t, json ? 'silent' : ctx.stdout.isTTY === true ? 'default' : 'simple');
  // The trainee must find the faults: the text output does not name them (the instructor has --json and exam.json).
  if (json) ctx.out(JSON.stringify(sitting, null, 2));
  else ctx.out(t('lab.exam.started', { seed, count: sitting.faults.length, minutes: sitting.minutes, ends: new Date(sitting.endsAt).toLocaleTimeString(ctx.lang) }));
  return 0;
}
