/** Signals to process groups and liveness checks, ignoring processes that are already gone. */
import { readFileSync } from 'node:fs';

/** Sends a signal to a whole process group; false when the group is gone. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

function alive(target: number): boolean {
  try {
    process.kill(target, 0);
    return true;
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

export function groupAlive(pgid: number): boolean {
  return alive(-pgid);
}

export function pidAlive(pid: number): boolean {
  return alive(pid);
}

/** A process that is still running: alive and not a zombie waiting to be reaped (Linux `/proc`; elsewhere, alive). */
export function processRunning(pid: number): boolean {
  if (!alive(pid)) return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}
