/** Signals to process groups and liveness checks, ignoring processes that are already gone. */

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
