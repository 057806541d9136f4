/** Report model → what templates print: local times, durations, the timeline, the Gantt chart. */
import { formatDuration } from '../parse/duration.js';
import type { ReportModel, StepRecord } from './model.js';

export interface TimelineRow {
  time: string;
  step: string;
  phase: string;
  action: string;
  result: string;
  duration: string;
}

export interface GanttBar {
  step: string;
  status: string;
  /** Percent of the run's width, for the HTML chart. */
  left: number;
  width: number;
  start: string;
  end: string;
}

export interface ReportView {
  model: ReportModel;
  lang: 'es' | 'en';
  timeZone: string;
  started: string;
  ended: string;
  duration: string;
  timeline: TimelineRow[];
  gantt: GanttBar[];
  /** A Markdown code fence longer than any backtick run in `text`. */
  fence(text: string): string;
  /** Text made safe inside a Markdown table cell. */
  cell(text: string): string;
  time(iso: string): string;
  ms(value: number): string;
}

export function toView(model: ReportModel, lang: 'es' | 'en', timeZone: string): ReportView {
  const dateTime = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'medium', timeZone });
  const clock = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZone });
  const start = Date.parse(model.startedAt);
  const end = model.endedAt ? Date.parse(model.endedAt) : Math.max(start, ...model.steps.map((s) => Date.parse(s.finishedAt ?? s.startedAt)));
  const span = Math.max(1, end - start);
  const ran = model.steps.filter((s) => s.command !== undefined && s.status !== 'skipped' && s.status !== 'dry-run');
  return {
    model,
    lang,
    timeZone,
    started: dateTime.format(new Date(start)),
    ended: model.endedAt ? dateTime.format(new Date(end)) : '—',
    duration: model.durationMs !== undefined ? formatDuration(model.durationMs) : '—',
    timeline: model.steps.map((s) => row(s, (iso) => clock.format(new Date(iso)))),
    gantt: ran.map((s) => {
      const from = Date.parse(s.startedAt) - start;
      const to = Date.parse(s.finishedAt ?? s.startedAt) - start;
      return { step: s.id, status: s.status, left: (100 * from) / span, width: Math.max(0.5, (100 * (to - from)) / span), start: new Date(Date.parse(s.startedAt)).toISOString(), end: new Date(Date.parse(s.finishedAt ?? s.startedAt) + 1).toISOString() };
    }),
    fence(text) {
      const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
      return '`'.repeat(longest + 1);
    },
    cell: (text) => text.replace(/\|/g, '\\|').replace(/`/g, "'").replace(/\n/g, ' '),
    time: (iso) => clock.format(new Date(iso)),
    ms: (value) => formatDuration(value),
  };
}

function row(s: StepRecord, clock: (iso: string) => string): TimelineRow {
  return {
    time: clock(s.startedAt),
    step: s.attempt > 1 ? `${s.id} (#${s.attempt})` : s.id,
    phase: s.phase,
    action: s.kind === 'manual' ? 'manual' : s.command !== undefined ? (s.command.split('\n')[0] ?? '').slice(0, 60) : (s.reason ?? ''),
    result: s.status + (s.exitCode !== undefined && s.exitCode !== null && s.exitCode !== 0 ? ` (${s.exitCode})` : ''),
    duration: formatDuration(s.durationMs),
  };
}
