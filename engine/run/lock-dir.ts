/**
 * The lock directory: `RUNBOOK_LOCK_DIR`, else `<tmp>/runbook-locks`. It is
 * shared by every user of the host, so it is used only when it can be
 * trusted: a real directory (never a symbolic link), owned by root or by the
 * user running the engine, and, when others may write in it, sticky (so no
 * one but a file's owner and root can remove or replace a lock). A directory
 * owned by another ordinary user is refused, naming that user: its owner
 * could delete anyone's lock. The engine creates a missing directory and
 * gives it mode 1777 through the descriptor of the directory it just made;
 * it never changes the mode of anything else.
 */
import { closeSync, constants, fchmodSync, fstatSync, mkdirSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FailedError } from '../errors.js';
import { userName } from './lock-liveness.js';

export function lockDir(env: NodeJS.ProcessEnv): string {
  return env.RUNBOOK_LOCK_DIR || join(tmpdir(), 'runbook-locks');
}

function code(error: unknown): string {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : String(error);
}

/** Creates the directory if it is missing; true when this call created it. */
function create(dir: string): boolean {
  try {
    mkdirSync(dirname(dir), { recursive: true });
    mkdirSync(dir, { mode: 0o700 });
    return true;
  } catch (error) {
    if (code(error) === 'EEXIST') return false;
    throw new FailedError('error.lockUnwritable', { file: dir, reason: code(error) }, { cause: error });
  }
}

/** Makes sure `dir` exists and can be trusted with locks; throws a `FailedError` naming the problem otherwise. */
export function trustedLockDir(dir: string): void {
  const created = create(dir);
  let fd: number;
  try {
    fd = openSync(dir, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW);
  } catch (error) {
    const reason = code(error);
    if (reason === 'ELOOP' || reason === 'ENOTDIR') throw new FailedError('error.lockDirNotDir', { dir });
    throw new FailedError('error.lockUnwritable', { file: dir, reason }, { cause: error });
  }
  try {
    const me = process.getuid?.() ?? 0;
    let st = fstatSync(fd);
    if (created && st.uid === me) {
      fchmodSync(fd, 0o1777); // the directory this call just made, by its descriptor
      st = fstatSync(fd);
    }
    if (st.uid !== 0 && st.uid !== me) throw new FailedError('error.lockDirForeign', { dir, owner: userName(st.uid) });
    if ((st.mode & 0o022) !== 0 && (st.mode & 0o1000) === 0) throw new FailedError('error.lockDirNotSticky', { dir, mode: (st.mode & 0o7777).toString(8) });
  } finally {
    closeSync(fd);
  }
}
