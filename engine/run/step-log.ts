/**
 * A step's output on disk, streamed as it comes, with a size cap: the first
 * `headBytes` go straight to the file, then only the last `tailBytes` are
 * kept (in a bounded buffer) and written after a marker line at close. A step
 * printing gigabytes fills neither memory nor the disk. The file is created
 * on the first byte, so a silent step costs no file. Logs are not synced: the
 * journal is the durable record; a crash may cut a log's last bytes.
 * A write that fails (a full disk) never stops the step or the engine: the
 * log stops there and says why (`failure`, journaled with the step).
 */
import { closeSync, openSync, writeSync } from 'node:fs';

export interface StepLog {
  write(chunk: Buffer | string): void;
  /** Total bytes seen, including those left out of the file. */
  readonly bytes: number;
  /** Whether anything was written (a silent step has no log file). */
  readonly written: boolean;
  /** The error code of the first write that failed (`ENOSPC`…): the log is incomplete. */
  readonly failure: string | undefined;
  close(): void;
}

export function openStepLog(path: string, headBytes = 1024 * 1024, tailBytes = 1024 * 1024): StepLog {
  let opened: number | undefined;
  let failure: string | undefined;
  const put = (data: Buffer | string) => {
    if (failure !== undefined) return;
    try {
      opened ??= openSync(path, 'a', 0o600);
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      for (let at = 0; at < bytes.length; ) at += writeSync(opened, bytes, at, bytes.length - at);
    } catch (error) {
      failure = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : 'EIO';
    }
  };
  let written = 0;
  let total = 0;
  const tail: Buffer[] = [];
  let tailSize = 0;
  return {
    get bytes() {
      return total;
    },
    get written() {
      return opened !== undefined;
    },
    get failure() {
      return failure;
    },
    write(chunk) {
      let data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      total += data.length;
      if (written < headBytes) {
        const room = headBytes - written;
        const head = data.subarray(0, room);
        put(head);
        written += head.length;
        data = data.subarray(head.length);
      }
      if (data.length === 0) return;
      tail.push(data); // stream chunks are never reused, so no copy is needed
      tailSize += data.length;
      while (tail.length > 0 && tailSize - (tail[0]?.length ?? 0) >= tailBytes) tailSize -= tail.shift()?.length ?? 0;
    },
    close() {
      if (tailSize > 0) {
        let kept = Buffer.concat(tail);
        if (kept.length > tailBytes) kept = kept.subarray(kept.length - tailBytes);
        const omitted = total - written - kept.length;
        if (omitted > 0) put(`\n[… ${omitted} bytes omitted …]\n`);
        put(kept);
      }
      if (opened !== undefined) {
        try {
          closeSync(opened);
        } catch {
          // nothing left to lose
        }
      }
    },
  };
}
