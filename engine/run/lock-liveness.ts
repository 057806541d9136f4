/**
 * Who a lock's processes are, judged by the kernel and never by what a lock
 * file says about itself: a pid is the same process only if it also started
 * at the same time (`/proc/<pid>/stat` field 22, in clock ticks since boot),
 * and a lock's holder is the user who owns the file (its uid, named from
 * /etc/passwd). Only fixed paths built from numbers are opened here.
 */
import { readFileSync } from 'node:fs';

const PROC = '/proc';

/** The start time of a live process (clock ticks since boot), or undefined when no such process exists. */
export function processStart(pid: number): string | undefined {
  if (!Number.isSafeInteger(pid) || pid <= 0) return undefined;
  let stat: string;
  try {
    stat = readFileSync(`${PROC}/${pid}/stat`, 'latin1');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may itself contain spaces and parentheses.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const start = fields[19]; // field 22 overall; fields[0] is field 3
  return start !== undefined && /^\d+$/.test(start) ? start : undefined;
}

function killZero(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

/** Is `pid` the very process that started at `start`? Without /proc, only whether some process has that pid. */
export function sameProcessAlive(pid: number, start: string | undefined): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  const now = processStart(pid);
  if (now === undefined) return hasProc() ? false : killZero(pid);
  return start === undefined || start === now;
}

let procMounted: boolean | undefined;
function hasProc(): boolean {
  procMounted ??= processStart(process.pid) !== undefined;
  return procMounted;
}

/** This process's own start time, recorded in the locks it takes. */
export function ownStart(): string | undefined {
  return processStart(process.pid);
}

let users: Map<number, string> | undefined;

/** A uid's login name from /etc/passwd, else `uid <n>`. */
export function userName(uid: number): string {
  if (!users) {
    users = new Map();
    try {
      for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
        const [name, , id] = line.split(':');
        if (name && id && /^\d+$/.test(id) && !users.has(Number(id))) users.set(Number(id), name);
      }
    } catch {
      // no passwd file: numbers only
    }
  }
  return users.get(uid) ?? `uid ${uid}`;
}
