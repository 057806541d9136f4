/** `lab exam` on the command line: start a sitting, `--check` it, or `--wait` for its end; and time-up before any other `lab` command. */
import { UsageError } from '../../errors.js';
import { stateDir } from '../../journal/layout.js';
import { remainingText } from '../../lab/exam/clock.js';
import { checkExam, startExam } from '../../lab/exam/exam.js';
import type { ExamSitting } from '../../lab/exam/sitting.js';
import { scoreIfTimeUp, waitForEnd } from '../../lab/exam/timer.js';
import type { CliContext } from '../context.js';
import { flag, formatValue, stringValue, type ParsedArgs } from '../parse-args.js';

function whole(args: ParsedArgs, name: 'seed' | 'faults' | 'minutes', fallback: number): number {
  const v = stringValue(args, name);
  if (v === undefined) return fallback;
  if (!/^[0-9]+$/.test(v)) throw new UsageError('lab.examBadNumber', { flag: `--${name}`, value: v });
  return Number(v);
}

const stateDirOf = (ctx: CliContext, args: ParsedArgs) => stateDir(ctx.env, stringValue(args, 'state-dir'), ctx.cwd);

/** The score as text lines (per fault, then the total). */
function scoreLines(ctx: CliContext, sitting: ExamSitting): string[] {
  const { t } = ctx;
  const score = sitting.score;
  if (!score) return [];
  const yes = (b: boolean) => (b ? t('lab.yes') : t('lab.no'));
  return [
    ...score.faults.map((f) => t('lab.exam.fault', { fault: f.id, system: f.system, runbook: f.runbook, repaired: yes(f.repaired), data: yes(f.dataIntact), documented: yes(f.documented) })),
    t('lab.exam.score', { seed: sitting.seed, points: score.points, max: score.max, percent: score.percent, late: score.late ? t('lab.exam.late') : '' }),
  ];
}

function printScore(ctx: CliContext, sitting: ExamSitting, json: boolean): void {
  if (json || !sitting.score) ctx.out(JSON.stringify(sitting, null, 2));
  else for (const line of scoreLines(ctx, sitting)) ctx.out(line);
}

/**
 * Before any `lab` command: an open sitting whose time is up is scored first (told on stderr, so
 * a command's JSON stays clean). A sitting that cannot be scored now (the lab is down) is left
 * open and said so; the command goes on either way.
 */
export async function scoreWhenTimeUp(ctx: CliContext, args: ParsedArgs, root: string): Promise<void> {
  try {
    const scored = await scoreIfTimeUp(root, ctx.env, stateDirOf(ctx, args), ctx.t);
    if (!scored) return;
    ctx.err(ctx.t('lab.exam.timeUp', { seed: scored.seed, ends: new Date(scored.endsAt).toLocaleTimeString(ctx.lang) }));
    for (const line of scoreLines(ctx, scored)) ctx.err(line);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    ctx.err(ctx.t('lab.exam.timeUpUnscored', { reason: error instanceof Error ? error.message : String(error) }));
  }
}

/** `--wait`: the time left — one live line on a terminal, a plain line a minute otherwise — then the score. */
async function waitCommand(ctx: CliContext, args: ParsedArgs, root: string, json: boolean): Promise<number> {
  const live = ctx.stdout.isTTY === true && !json;
  let lastMinute: number | undefined;
  const sitting = await waitForEnd(root, ctx.env, stateDirOf(ctx, args), ctx.t, (left, open) => {
    if (json) return;
    const line = ctx.t('lab.exam.left', { seed: open.seed, left: remainingText(left), ends: new Date(open.endsAt).toLocaleTimeString(ctx.lang) });
    if (live) ctx.stdout.write(`\r\x1b[2K${line}`);
    else if (lastMinute !== Math.ceil(left / 60_000)) {
      lastMinute = Math.ceil(left / 60_000);
      ctx.out(line);
    }
  });
  if (live) ctx.stdout.write('\r\x1b[2K');
  printScore(ctx, sitting, json);
  return 0;
}

export async function examCommand(ctx: CliContext, args: ParsedArgs, root: string): Promise<number> {
  const json = formatValue(args, 'text') === 'json';
  const { t } = ctx;
  if (flag(args, 'check') && flag(args, 'wait')) throw new UsageError('lab.examCheckOrWait');
  if (flag(args, 'wait')) return waitCommand(ctx, args, root, json);
  if (flag(args, 'check')) {
    printScore(ctx, await checkExam(root, ctx.env, stateDirOf(ctx, args), ctx.t), json);
    return 0;
  }
  const seed = whole(args, 'seed', Math.floor(Math.random() * 1_000_000));
  const system = stringValue(args, 'system');
  const sitting = await startExam(root, ctx.env, { seed, faults: whole(args, 'faults', 3), minutes: whole(args, 'minutes', 45), ...(system !== undefined && { system }) }, t, json ? 'silent' : ctx.stdout.isTTY === true ? 'default' : 'simple');
  // The trainee must find the faults: the text output does not name them (the instructor has --json and exam.json).
  if (json) ctx.out(JSON.stringify(sitting, null, 2));
  else ctx.out(t('lab.exam.started', { seed, count: sitting.faults.length, minutes: sitting.minutes, ends: new Date(sitting.endsAt).toLocaleTimeString(ctx.lang) }));
  return 0;
}
