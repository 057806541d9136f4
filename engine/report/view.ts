/**
 * Report model → what a template gets as `it`: the model, labels in the
 * report's language, local times, the timeline rows and chart, and escaping
 * helpers. Documented for template authors in templates/README.md.
 */
import { formatDuration } from '../parse/duration.js';
import { ganttTasks, timelineChart, type Chart, type GanttTask } from './chart.js';
import type { Excerpt } from './excerpt.js';
import { codeSpan, cell, fence, fenced, inline } from './markdown.js';
import type { ReportModel, StepRecord } from './model.js';
import { createClock } from './time.js';

export interface Labels {
  result: Record<string, string>;
  status: Record<string, string>;
  phase: Record<string, string>;
  check: Record<string, string>;
  choice: Record<string, string>;
  manual: string;
  omitted: string;
}

export interface TimelineRow {
  time: string;
  step: string;
  phase: StepRecord['phase'];
  /** The first line of the command, a manual step's text, or why the step did not run. */
  action: string;
  /** True when `action` is a command (shown as code). */
  code: boolean;
  status: StepRecord['status'];
  exitCode?: number | null;
  duration: string;
}

export interface DiffLine {
  kind: 'add' | 'del' | 'hunk' | 'meta' | 'same';
  text: string;
}

export interface ReportView {
  model: ReportModel;
  lang: 'es' | 'en';
  timeZone: string;
  l: Labels;
  dry: boolean;
  started: string;
  ended: string;
  duration: string;
  timeline: TimelineRow[];
  chart: Chart;
  gantt: GanttTask[];
  /** Handler and rollback actions, in the order they ran. */
  recovery: StepRecord[];
  /** A label from `labels.json`, or the key itself. */
  t(group: 'result' | 'status' | 'phase' | 'check' | 'choice', key: string): string;
  time(iso: string): string;
  dateTime(iso: string): string;
  ms(value: number): string;
  /** An output excerpt as one text: head, a localized "lines omitted" line, tail. */
  output(excerpt: Excerpt): string;
  diff(text: string): DiffLine[];
  md: { fence: typeof fence; fenced: typeof fenced; code: typeof codeSpan; text: typeof inline; cell: typeof cell };
  /** The shipped stylesheet (`templates/report.css`), for HTML templates to inline. */
  css?: string;
}

function action(s: StepRecord, l: Labels): string {
  if (s.kind === 'manual') return s.text ?? l.manual;
  if (s.command !== undefined) {
    // The line that says what the step does: not a `cd`, `set -e` or comment before it.
    const lines = s.command.trim().split('\n').map((l) => l.trim());
    const telling = lines.find((l) => l !== '' && !/^(cd\s|set\s+[-+]|#)/.test(l)) ?? lines[0] ?? '';
    return lines.length > 1 ? `${telling} …` : telling;
  }
  return s.reason ?? '';
}

export function toView(model: ReportModel, lang: 'es' | 'en', timeZone: string, l: Labels): ReportView {
  const clock = createClock(lang, timeZone);
  const t: ReportView['t'] = (group, key) => l[group][key] ?? key;
  return {
    model,
    lang,
    timeZone,
    l,
    dry: model.mode === 'dry-run',
    started: clock.dateTime(model.startedAt),
    ended: model.endedAt ? clock.dateTime(model.endedAt) : '—',
    duration: model.durationMs !== undefined ? formatDuration(model.durationMs) : '—',
    timeline: model.steps.map((s) => ({
      time: clock.time(s.startedAt),
      step: s.attempt > 1 ? `${s.id} (#${s.attempt})` : s.id,
      phase: s.phase,
      action: action(s, l),
      code: s.kind === 'command' && s.command !== undefined,
      status: s.status,
      ...(s.exitCode !== undefined && { exitCode: s.exitCode }),
      duration: s.kind === 'manual' || s.finishedAt === undefined || s.status === 'skipped' || s.status === 'dry-run' ? '—' : formatDuration(s.durationMs),
    })),
    chart: timelineChart(model, clock),
    gantt: ganttTasks(model, clock),
    recovery: model.steps.filter((s) => s.phase !== 'flow'),
    t,
    time: clock.time,
    dateTime: clock.dateTime,
    ms: formatDuration,
    output: (e) => (e.tail === '' ? e.head : `${e.head}\n${l.omitted.replace('{n}', String(e.omittedLines))}\n${e.tail}`),
    diff: (text) =>
      text.replace(/\n$/, '').split('\n').map((line): DiffLine => ({
        kind: line.startsWith('@@') ? 'hunk' : /^(---|\+\+\+|=+$|Index:)/.test(line) ? 'meta' : line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : 'same',
        text: line,
      })),
    md: { fence, fenced, code: codeSpan, text: inline, cell },
  };
}
