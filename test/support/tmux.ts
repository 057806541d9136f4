// A real terminal for end-to-end tests: the built CLI in a tmux session, keys sent, the screen read back.
// Nothing here waits on wall-clock speed: every wait is for a text on screen, with a generous limit.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'dist', 'engine', 'cli', 'bin.js');

/**
 * This test file's own tmux server (`-L`): test files run in parallel, and on the shared default
 * server one file killing its last session stopped the server under another file's
 * `new-session` ("server exited unexpectedly").
 */
const SOCKET = `runbook-test-${process.pid}-${randomBytes(4).toString('hex')}`;
export const tmux = (...args: string[]) => spawnSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });

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

export interface TerminalOptions {
  color?: boolean;
  /** Shell text after the command (`| tee out.txt`, say). */
  after?: string;
  /** More environment for the CLI (`RUNBOOK_LANG`, say). */
  env?: Record<string, string>;
  /** Files written into the terminal's folder before the command starts: name → content. */
  files?: Record<string, string>;
  /** Where the command runs (default: the terminal's folder). */
  cwd?: string;
}

/** The environment every terminal's CLI gets: state, cache and locks under its folder. */
export function terminalEnv(dir: string): Record<string, string> {
  return { RUNBOOK_STATE_DIR: join(dir, 'state'), RUNBOOK_CACHE_DIR: join(dir, 'cache'), RUNBOOK_LOCK_DIR: join(dir, 'locks') };
}

/** Starts `runbook <args>` (a shell command line after `runbook`) in a 140×45 terminal; ends with `EXIT=<code>` on screen. */
export function startTerminal(label: string, args: string, options: TerminalOptions = {}): Terminal {
  const dir = mkdtempSync(join(tmpdir(), `runbook-tmux-${label}-`));
  const name = `runbook-${label}-${process.pid}-${open.length}`;
  open.push({ name, dir });
  for (const [file, content] of Object.entries(options.files ?? {})) writeFileSync(join(dir, file), content);
  const vars = { ...terminalEnv(dir), TERM: 'xterm-256color', ...(options.color ? {} : { NO_COLOR: '1' }), ...options.env };
  const env = Object.entries(vars).map(([k, v]) => `${k}=${v}`).join(' ');
  const line = `cd ${options.cwd ?? dir} && env ${env} ${process.execPath} ${BIN} ${args}${options.after ?? ''}; echo EXIT=$?; sleep 60`;
  const started = tmux('new-session', '-d', '-s', name, '-x', '140', '-y', '45', line);
  if (started.status !== 0) throw new Error(`tmux failed: ${started.stderr}`);
  const screen = () => tmux('capture-pane', '-p', '-J', '-S', '-300', '-t', name).stdout;
  return {
    name,
    dir,
    screen,
    async waitFor(text, times = 1) {
      const end = Date.now() + 60_000;
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
