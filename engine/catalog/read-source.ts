/** Reads a runbook file as text, refusing what is not a readable UTF-8 Markdown file with a clear reason. */
import { lstatSync, readFileSync, statSync } from 'node:fs';
import { LoadError, errorCode } from '../errors.js';

export const MAX_RUNBOOK_BYTES = 2 * 1024 * 1024;

export function readSource(path: string, display = path): string {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new LoadError('error.fileIsDirectory', { file: display });
    size = stat.size;
  } catch (error) {
    if (error instanceof LoadError) throw error;
    const dangling = isDanglingLink(path);
    throw new LoadError(dangling ? 'error.fileDanglingLink' : 'error.fileNotFound', { file: display }, { cause: error });
  }
  if (size > MAX_RUNBOOK_BYTES) throw new LoadError('error.fileTooLarge', { file: display, size: Math.round(size / 1024), max: MAX_RUNBOOK_BYTES / 1024 });
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new LoadError('error.fileUnreadable', { file: display, reason: errorCode(error) }, { cause: error });
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) throw new LoadError('error.fileBinary', { file: display, offset: nul });
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new LoadError('error.fileNotUtf8', { file: display }, { cause: error });
  }
}

function isDanglingLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
