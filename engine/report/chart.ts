/**
 * The picture of a run: the steps that ran (or waited for the operator) as
 * bars on the run's time line — positioned in percent for the HTML chart,
 * and as Mermaid `gantt` tasks (local wall-clock times) for the Markdown.
 */
import type { Phase } from '../journal/events.js';
import type { ReportModel, StepRecord } from './model.js';
import type { Clock } from './time.js';

export interface Bar {
  step: string;
  phase: Phase;
  kind: StepRecord['kind'];
  status: StepRecord['status'];
  /** Percent of the run's width. */
  left: number;
  width: number;
  from: string;
  to: string;
}

export interface Chart {
  bars: Bar[];
  ticks: { left: number; label: string }[];
}

export interface GanttTask {
  phase: Phase;
  /** Safe as a Mermaid task name (no `:`, `#`, `;`). */
  name: string;
  /** Mermaid tags: `crit` for failures, `done`, `active` for recovered. */
  tags: string;
  start: string;
  end: string;
}

const MIN_WIDTH = 0.6;

/** What took time: steps that ran, and manual steps the operator did. Nothing in a dry run. */
function charted(model: ReportModel): StepRecord[] {
  if (model.mode === 'dry-run') return [];
  return model.steps.filter((s) => s.status !== 'skipped' && s.status !== 'dry-run' && s.status !== 'not-confirmed');
}

function span(model: ReportModel): { start: number; end: number } {
  const start = Date.parse(model.startedAt);
  const last = Math.max(start, ...model.steps.map((s) => Date.parse(s.finishedAt ?? s.startedAt)));
  return { start, end: model.endedAt ? Math.max(last, Date.parse(model.endedAt)) : last };
}

export function timelineChart(model: ReportModel, clock: Clock): Chart {
  const { start, end } = span(model);
  const width = Math.max(1, end - start);
  const pct = (t: number) => Math.round((10_000 * (t - start)) / width) / 100;
  const bars = charted(model).map((s): Bar => {
    const from = Date.parse(s.startedAt);
    const to = Date.parse(s.finishedAt ?? s.startedAt);
    const left = Math.min(pct(from), 100 - MIN_WIDTH);
    return { step: s.attempt > 1 ? `${s.id} #${s.attempt}` : s.id, phase: s.phase, kind: s.kind, status: s.status, left, width: Math.max(MIN_WIDTH, Math.min(pct(to), 100) - left), from: clock.time(s.startedAt), to: clock.time(s.finishedAt ?? s.startedAt) };
  });
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => ({ left: f * 100, label: clock.time(new Date(start + f * width).toISOString()) }));
  return { bars, ticks };
}

function taskName(s: StepRecord): string {
  const name = s.id.replace(/[:#;\n]/g, ' ');
  return s.attempt > 1 ? `${name} (${s.attempt})` : name;
}

export function ganttTasks(model: ReportModel, clock: Clock): GanttTask[] {
  return charted(model).map((s) => {
    const from = Date.parse(s.startedAt);
    // Mermaid draws nothing for an empty task: at least one second.
    const to = Math.max(from + 1000, Date.parse(s.finishedAt ?? s.startedAt));
    const tags = s.status === 'failed' || s.status === 'interrupted' ? 'crit' : s.status === 'recovered' ? 'active' : 'done';
    return { phase: s.phase, name: taskName(s), tags, start: clock.wall(s.startedAt), end: clock.wall(new Date(to).toISOString()) };
  });
}
