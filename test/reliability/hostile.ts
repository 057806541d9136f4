// A second local user (rbhostile) for the hostile-user tests: created if missing, commands run as it with setpriv.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { BIN } from './cli.js';

export const HOSTILE = 'rbhostile';
export const canTest = process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v setpriv && (id rbhostile || useradd -m rbhostile)']).status === 0;

function idOf(flag: string): number {
  return Number(spawnSync('id', [flag, HOSTILE], { encoding: 'utf8' }).stdout.trim());
}

export type Who = 'root' | typeof HOSTILE;

export interface HostileWorld {
  base: string;
  uid: number;
  gid: number;
  /** The environment of a CLI run as `who`, with its own state directory and the given lock directory. */
  envFor(who: Who, locks: string): Record<string, string>;
  /** argv prefix that runs a program as `who`. */
  as(who: Who, argv: string[]): string[];
  sh(who: Who, script: string): { code: number | null; stdout: string; stderr: string };
  play(who: Who, locks: string, args: string[]): { code: number | null; stdout: string; stderr: string };
  start(who: Who, locks: string, args: string[]): ReturnType<typeof spawn>;
  cleanup(): void;
}

export function hostileWorld(): HostileWorld {
  const base = mkdtempSync('/tmp/runbook-hostile-');
  chmodSync(base, 0o1777); // like /tmp: both users create entries, neither can remove the other's
  const uid = canTest ? idOf('-u') : -1;
  const gid = canTest ? idOf('-g') : -1;
  const home = join(base, 'hostile-home');
  mkdirSync(home);
  if (canTest) chownSync(home, uid, gid);
  const as = (who: Who, argv: string[]) => (who === 'root' ? argv : ['setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', '--', ...argv]);
  const envFor = (who: Who, locks: string) => {
    const own = who === 'root' ? join(base, 'root-home') : home;
    return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: own, RUNBOOK_STATE_DIR: join(own, 'state'), RUNBOOK_CACHE_DIR: join(own, 'cache'), RUNBOOK_LOCK_DIR: locks, RUNBOOK_LANG: 'en', NO_COLOR: '1' };
  };
  const exec = (argv: string[], env: Record<string, string>) => {
    const [file, ...rest] = argv;
    const r = spawnSync(file ?? 'false', rest, { cwd: base, encoding: 'utf8', input: '', env, timeout: 60_000, killSignal: 'SIGKILL' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  return {
    base,
    uid,
    gid,
    envFor,
    as,
    sh: (who, script) => exec(as(who, ['sh', '-c', script]), { PATH: process.env.PATH ?? '/usr/bin:/bin', HOST: hostname() }),
    play: (who, locks, args) => exec(as(who, [process.execPath, BIN, 'play', ...args]), envFor(who, locks)),
    start(who, locks, args) {
      const [file, ...rest] = as(who, [process.execPath, BIN, 'play', ...args]);
      return spawn(file ?? 'false', rest, { cwd: base, env: envFor(who, locks), stdio: ['ignore', 'pipe', 'pipe'] });
    },
    cleanup: () => rmSync(base, { recursive: true, force: true }),
  };
}
