/**
 * Report model → what a template gets as `it`: the model, labels in the
 * report's language, local times, the timeline rows and chart, and escaping
 * helpers. Documented for template authors in templates/README.md.
 */
import { failureSentence, type Failure } from '../i18n/failure.js';
import { createTranslator } from '../i18n/translate.js';
import { formatDuration } from '../parse/duration.js';
import { ganttTasks, timelineChart, type Chart, type GanttTask } from './chart.js';
import type { Excerpt } from './excerpt.js';
import { codeSpan, cell, fence, fenced, inline } from './markdown.js';
import type { LeftItem, ReportModel, StepRecord } from './model.js';
import { createClock } from './time.js';

export interface Labels {
  result: Record<string, string>;
  status: Record<string, string>;
  phase: Record<string, string>;
  check: Record<string, string>;
  choice: Record<string, string>;
  /** The runbook's severity (`critical`, `high`…) in the report's language. */
  severity: Record<string, string>;
  /** Short words for how a step failed, in the timeline (`exit code {code}`, `signal {signal}`…). */
  failure: Record<string, string>;
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
  /** How a failed step failed, in a few words (`exit code 3`, `output not as expected`, `timed out`, `signal SIGKILL`). */
  detail?: string;
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
  /** A decision's label: `confirmed`/`refused` say how (`typed the confirmation`, `answered yes`), from `choice.confirmed-question` etc. */
  choice(choice: string, confirmation?: string): string;
  time(iso: string): string;
  dateTime(iso: string): string;
  ms(value: number): string;
  /** An output excerpt as one text: head, a localized "lines omitted" line, tail. */
  output(excerpt: Excerpt): string;
  diff(text: string): DiffLine[];
  /** How a step failed, in the report's language: `failed with exit code 3 (general error) after 2.3s`. */
  fact(failure: Failure): string;
  /** A "state left behind" item in the report's language. */
  left(item: LeftItem): string;
  /** An expect diff without the lines that say nothing (`=====…`, `Index:`). */
  cleanDiff(text: string): string;
  /** True for a command of more than one line: shown as a block, never flattened. */
  multiline(text: string): boolean;
  md: { fence: typeof fence; fenced: typeof fenced; code: typeof codeSpan; text: typeof inline; cell: typeof cell; indent: (text: string, spaces: number) => string };
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

function detail(s: StepRecord, l: Labels): string | undefined {
  const f = s.failure;
  if (!f || f.kind === 'interrupted') return undefined;
  const words = l.failure[f.kind] ?? f.kind;
  return words.replace('{code}', String(s.exitCode ?? '—')).replace('{signal}', s.signal ?? '');
}

const NOISE = /^(=+|Index: .*)$/;

function cleanDiff(text: string): string {
  return text.replace(/\n$/, '').split('\n').filter((line) => !NOISE.test(line)).join('\n');
}

export function toView(model: ReportModel, lang: 'es' | 'en', timeZone: string, l: Labels): ReportView {
  const clock = createClock(lang, timeZone);
  const say = createTranslator(lang);
  // `?.`: a labels.json of the user's own templates may lack a group added since.
  const t: ReportView['t'] = (group, key) => l[group]?.[key] ?? key;
  return {
    model,
    lang,
    timeZone,
    l,
    dry: model.mode === 'dry-run',
    started: clock.dateTime(model.startedAt),
    ended: model.endedAt ? clock.dateTime(model.endedAt) : '—',
    duration: model.durationMs !== undefined ? formatDuration(model.durationMs) : '—',
    timeline: model.steps.map((s): TimelineRow => {
      const words = detail(s, l);
      return {
        time: clock.time(s.startedAt),
        step: s.attempt > 1 ? `${s.id} (#${s.attempt})` : s.id,
        phase: s.phase,
        action: action(s, l),
        code: s.kind === 'command' && s.command !== undefined,
        status: s.status,
        ...(s.exitCode !== undefined && { exitCode: s.exitCode }),
        ...(words !== undefined && { detail: words }),
        duration: s.kind === 'manual' || s.finishedAt === undefined || s.status === 'skipped' || s.status === 'dry-run' ? '—' : formatDuration(s.durationMs),
      };
    }),
    chart: timelineChart(model, clock),
    gantt: ganttTasks(model, clock),
    recovery: model.steps.filter((s) => s.phase !== 'flow'),
    t,
    choice: (choice, confirmation) => (confirmation === 'question' ? (l.choice[`${choice}-question`] ?? t('choice', choice)) : t('choice', choice)),
    time: clock.time,
    dateTime: clock.dateTime,
    ms: formatDuration,
    output: (e) => (e.tail === '' ? e.head : `${e.head}\n${l.omitted.replace('{n}', String(e.omittedLines))}\n${e.tail}`),
    diff: (text) =>
      cleanDiff(text).split('\n').map((line): DiffLine => ({
        kind: line.startsWith('@@') ? 'hunk' : /^(---|\+\+\+)/.test(line) ? 'meta' : line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : 'same',
        text: line,
      })),
    fact: (failure) => failureSentence(say, failure, formatDuration),
    left: (item) => say(item.reasonId, item.data),
    cleanDiff,
    multiline: (text) => text.trim().includes('\n'),
    md: { fence, fenced, code: codeSpan, text: inline, cell, indent: (text, spaces) => text.split('\n').map((line) => (line === '' ? line : `${' '.repeat(spaces)}${line}`)).join('\n') },
  };
}
