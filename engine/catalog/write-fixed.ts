/**
 * Writes a fixed runbook without ever losing the user's file: the new text
 * goes to a temporary file in the same folder (same permissions), is synced
 * to disk, and replaces the file by rename only if the file still holds the
 * bytes that were read. A symbolic link is followed: its target is replaced.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export type WriteOutcome = 'written' | 'changed-since-read';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const decode = (bytes: Buffer) => new TextDecoder('utf-8').decode(bytes);

/** `read` is the file's text as it was read (decoded, without a byte order mark); a mark the file had is kept. */
export function writeFixed(path: string, read: string, text: string): WriteOutcome {
  const target = realpathSync(path);
  const bom = readFileSync(target).subarray(0, 3).equals(BOM) && !text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const mode = statSync(target).mode & 0o7777;
  const temp = join(dirname(target), `.${basename(target)}.fix-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', mode);
  let renamed = false;
  try {
    try {
      writeSync(fd, bom + text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (decode(readFileSync(target)) !== read) return 'changed-since-read';
    renameSync(temp, target);
    renamed = true;
    syncFolder(dirname(target));
    return 'written';
  } finally {
    if (!renamed) unlinkSync(temp);
  }
}

/** The rename itself made durable (best effort: some file systems refuse to sync a folder). */
function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // The file is already in place; only its durability across a power cut is less certain.
  }
}
