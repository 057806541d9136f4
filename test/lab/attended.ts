/**
 * An attended `play` in a real terminal (tmux), answered as an operator would: Run at every
 * "What now?", yes to every destructive step, Done at every manual step (after `onManual` has
 * done what it asks, when given), and Roll back when a step fails. Each prompt is answered once:
 * a pending prompt's line starts with `?`, and turns into `✔` in place once answered.
 */
import { startTerminal } from '../support/tmux.js';
import { root } from './support.js';

export interface Attended {
  status: number;
  screen: string;
  ms: number;
  /** The steps that failed, in order (the prompt "The step failed" was answered with Roll back). */
  failed: string[];
}

export async function playAttended(label: string, args: string, env: Record<string, string>, onManual: (text: string) => Promise<void> | void = () => undefined, limitMs = 10 * 60_000): Promise<Attended> {
  const term = startTerminal(label, `play ${args}`, { cwd: root, env: { RUNBOOK_LANG: 'en', ...env } });
  const started = Date.now();
  const failed: string[] = [];
  let waiting = -1;
  for (;;) {
    const screen = term.screen();
    const exit = /^EXIT=(\d+)$/m.exec(screen);
    if (exit) return { status: Number(exit[1]), screen, ms: Date.now() - started, failed };
    if (Date.now() - started > limitMs) throw new Error(`${label} did not finish:\n${screen}`);
    const lines = screen.split('\n');
    const at = lines.findLastIndex((l) => l.startsWith('? '));
    if (waiting >= 0 && !(lines[waiting] ?? '').startsWith('? ')) waiting = -1;
    if (at >= 0 && waiting < 0) {
      const prompt = lines[at] ?? '';
      const step = [...lines.slice(0, at)].reverse().find((l) => l.startsWith('▶ ')) ?? '';
      if (prompt.includes('The step failed. What now?')) {
        failed.push(step.split(' ')[2] ?? step);
        term.keys('Down', 'Down', 'Down', 'Enter'); // Retry, Edit and retry, Skip, Roll back
      } else if (prompt.includes('Run it? (y/N)')) {
        term.type('y');
        term.keys('Enter');
      } else if (prompt.includes('Manual step: done?')) {
        const item = [...lines.slice(0, at)].reverse().find((l) => l.trimStart().startsWith('☐ ')) ?? '';
        await onManual(item.trim().slice(2));
        term.keys('Enter'); // Done
      } else if (prompt.includes('What now?')) {
        term.keys('Enter'); // Run
      } else {
        term.keys('Enter'); // a param's default
      }
      waiting = at;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
