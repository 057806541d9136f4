// A real terminal for end-to-end tests: the built CLI in a tmux session, keys sent, the screen read back.
// Nothing here waits on wall-clock speed: every wait is for a text on screen, with a generous limit.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'dist', 'engine', 'cli', 'bin.js');

const tmux = (...args: string[]) => spawnSync('tmux', args, { encoding: 'utf8' });

export interface Terminal {
  name: string;
  /** A private folder: state, cache and locks live under it; commands run in it. */
  dir: string;
  screen(): string;
  /** Resolves with the screen once `text` is on it (`times` times, when given). */
  waitFor(text: string, times?: number): Promise<string>;
  keys(...keys: string[]): void;
  type(text: string): void;
}

const open: { name: string; dir: string }[] = [];

/** Starts `runbook <args>` (a shell command line after `runbook`) in a 140×45 terminal, in its private folder or `cwd`, with `env` added (values without spaces); ends with `EXIT=<code>` on screen. */
export function startTerminal(label: string, args: string, options: { color?: boolean; after?: string; cwd?: string; env?: Record<string, string> } = {}): Terminal {
  const dir = mkdtempSync(join(tmpdir(), `runbook-tmux-${label}-`));
  const name = `runbook-${label}-${process.pid}-${open.length}`;
  open.push({ name, dir });
  const extra = Object.entries(options.env ?? {}).map(([k, v]) => ` ${k}=${v}`).join('');
  const env = `RUNBOOK_STATE_DIR=${dir}/state RUNBOOK_CACHE_DIR=${dir}/cache RUNBOOK_LOCK_DIR=${dir}/locks TERM=xterm-256color${options.color ? '' : ' NO_COLOR=1'}${extra}`;
  const line = `cd ${options.cwd ?? dir} && env ${env} ${process.execPath} ${BIN} ${args}${options.after ?? ''}; echo EXIT=$?; sleep 60`;
  const started = tmux('new-session', '-d', '-s', name, '-x', '140', '-y', '45', line);
  if (started.status !== 0) throw new Error(`tmux failed: ${started.stderr}`);
  const screen = () => tmux('capture-pane', '-p', '-J', '-S', '-300', '-t', name).stdout;
  return {
    name,
    dir,
    screen,
    async waitFor(text, times = 1) {
      const end = Date.now() + 30_000;
      for (;;) {
        const shown = screen();
        if (shown.split(text).length > times) return shown;
        if (Date.now() > end) throw new Error(`"${text}" never appeared on screen:\n${shown}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    keys: (...keys) => void tmux('send-keys', '-t', name, ...keys),
    type: (text) => void tmux('send-keys', '-t', name, '-l', text),
  };
}

/** Kills every session started by this file's tests and removes their folders. */
export function closeTerminals(): void {
  for (const { name, dir } of open.splice(0)) {
    tmux('kill-session', '-t', name);
    rmSync(dir, { recursive: true, force: true });
  }
}
