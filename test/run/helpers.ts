// Drives the run loop in-process with a fake process runner and scripted
// answers: what the screen shows, what the journal holds, which commands ran.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeSource } from '../../engine/catalog/load-runbook.js';
import { createStyle } from '../../engine/run/operator/style.js';
import { createTranslator } from '../../engine/i18n/translate.js';
import type { JournalEvent } from '../../engine/journal/events.js';
import type { ExecRequest, ExecResult, ProcessRunner } from '../../engine/process/runner.js';
import { readJournal } from '../../engine/journal/read.js';
import { play, type PlayOptions } from '../../engine/run/start.js';
import { scriptedPrompter } from '../../engine/run/operator/prompter.js';
import { createUi } from '../../engine/run/operator/ui.js';
import { stopControl } from '../../engine/run/context.js';

export interface Scripted {
  /** Exit code (default 0). */
  code?: number;
  stdout?: string;
}

/** A runner whose result depends on a substring of the command; records every request. */
export function fakeRunner(script: Record<string, Scripted | Scripted[]> = {}): ProcessRunner & { requests: ExecRequest[] } {
  const requests: ExecRequest[] = [];
  return {
    requests,
    async run(request) {
      requests.push(request);
      const key = Object.keys(script).find((k) => request.command.includes(k));
      const entry = key === undefined ? {} : script[key];
      const result = Array.isArray(entry) ? (entry.length > 1 ? (entry.shift() as Scripted) : (entry[0] ?? {})) : (entry ?? {});
      request.onStart?.(4242);
      if (result.stdout) await request.onOutput?.(Buffer.from(result.stdout), 'stdout');
      const code = result.code ?? 0;
      const out: ExecResult = { status: code === 0 ? 'succeeded' : 'failed', exitCode: code, signal: null, durationMs: 1, stdout: result.stdout ?? '', stderr: '', outputBytes: result.stdout?.length ?? 0 };
      return out;
    },
  };
}

export interface PlayWith {
  markdown: string;
  answers?: (string | boolean)[];
  script?: Record<string, Scripted | Scripted[]>;
  /** `yes`/`allowDestructive` stand for an unattended run, as `--yes` and `--allow-destructive` do. */
  options?: Partial<PlayOptions> & { yes?: boolean; allowDestructive?: boolean; confirmEnv?: string };
}

export async function playWith({ markdown, answers = [], script = {}, options = {} }: PlayWith) {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-loop-'));
  const loaded = await analyzeSource(markdown, join(dir, 'runbook.md'));
  const runner = fakeRunner(script);
  let screen = '';
  const asked: string[] = [];
  const t = createTranslator('en');
  const { yes, allowDestructive, confirmEnv, ...rest } = options;
  const base: PlayOptions = {
    loaded,
    mode: 'real',
    attendance: yes ? { kind: 'unattended', allowDestructive: allowDestructive === true, ...(confirmEnv !== undefined && { confirmEnv }) } : { kind: 'attended', prompter: scriptedPrompter([...answers], asked) },
    paramPairs: [],
    selection: {},
    stateDir: join(dir, 'state'),
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', RUNBOOK_LOCK_DIR: join(dir, 'locks') },
    runner,
    stop: stopControl(),
    ui: createUi({ write: (text) => ((screen += String(text)), true) }, createStyle(false), t),
    t,
    progress: 'silent',
  };
  let error: unknown;
  let summary;
  try {
    summary = await play({ ...base, ...rest });
  } catch (caught) {
    error = caught;
  }
  const runs = (() => {
    try {
      return readdirSync(join(dir, 'state', 'runs'));
    } catch {
      return [];
    }
  })();
  const events: JournalEvent[] = runs.length ? readJournal(join(dir, 'state', 'runs', runs[0] as string, 'journal.jsonl')).events : [];
  return { summary, error, screen, asked, events, ran: runner.requests.map((r) => r.command), requests: runner.requests, dir };
}

export const decisions = (events: JournalEvent[]) => events.flatMap((e) => (e.type === 'decision' ? [`${e.step ?? '-'}:${e.choice}`] : []));
export const finished = (events: JournalEvent[]) => events.flatMap((e) => (e.type === 'step-finished' ? [`${e.step}:${e.status}`] : []));
