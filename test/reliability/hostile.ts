// A second local user (rbhostile) for the hostile-user tests: created if missing, commands run as it with setpriv.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, relative } from 'node:path';
import { BIN, ROOT } from './cli.js';

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

/**
 * The CLI as the second user can run it. A checkout under a private folder (`mktemp -d` makes
 * one 0700) is out of that user's reach, so the engine's files (the build, its packages and
 * package.json) are then linked, or copied where links cannot cross file systems, into the world.
 */
function reachableBin(base: string, as: (who: Who, argv: string[]) => string[]): string {
  const [file = 'false', ...rest] = as(HOSTILE, ['test', '-r', BIN]);
  if (spawnSync(file, rest).status === 0) return BIN;
  const copy = join(base, 'engine');
  mkdirSync(copy, { mode: 0o755 });
  for (const entry of ['package.json', 'dist', 'node_modules']) {
    const from = join(ROOT, entry);
    if (spawnSync('cp', ['-al', from, copy]).status !== 0 && spawnSync('cp', ['-a', from, copy]).status !== 0) throw new Error(`cannot copy ${from} to ${copy} for ${HOSTILE}`);
  }
  const bin = join(copy, relative(ROOT, BIN));
  const [check = 'false', ...args] = as(HOSTILE, ['test', '-r', bin]);
  if (spawnSync(check, args).status !== 0) throw new Error(`${HOSTILE} cannot read ${bin}: the engine's files are not readable by other users`);
  return bin;
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
  const bin = canTest ? reachableBin(base, as) : BIN;
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
    play: (who, locks, args) => exec(as(who, [process.execPath, bin, 'play', ...args]), envFor(who, locks)),
    start(who, locks, args) {
      const [file, ...rest] = as(who, [process.execPath, bin, 'play', ...args]);
      return spawn(file ?? 'false', rest, { cwd: base, env: envFor(who, locks), stdio: ['ignore', 'pipe', 'pipe'] });
    },
    cleanup: () => rmSync(base, { recursive: true, force: true }),
  };
}
