/**
 * Runs one command in its own shell process. Non-interactive commands run in
 * their own process group with stdin closed, output streamed to `onOutput`;
 * stopping a step (timeout, Ctrl+C, signal) stops its whole group, so no
 * orphan survives. Interactive commands get the real terminal.
 * One result shape for success and failure.
 */
export type ExecStatus = 'succeeded' | 'failed' | 'timed-out' | 'interrupted';

export interface ExecRequest {
  command: string;
  /** The shell and its flags, e.g. `['bash', '-e', '-o', 'pipefail']`; the command follows `-c`. */
  shell: string[];
  cwd: string;
  env: Record<string, string>;
  timeoutMs?: number;
  interactive: boolean;
  /** Keep at most this many bytes of stdout in the result (for `capture`). */
  keepStdout?: number;
  signal?: AbortSignal;
  onStart?(pid: number | undefined): void;
  /** Output as it comes; a returned promise pauses reading the step's output until it settles (backpressure). */
  onOutput?(chunk: Buffer, stream: 'stdout' | 'stderr'): void | Promise<void>;
}

export interface ExecResult {
  status: ExecStatus;
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  stdout: string;
  stderr: string;
  outputBytes: number;
  /** Set when the shell could not be started at all. */
  error?: string;
}

export interface ProcessRunner {
  run(request: ExecRequest): Promise<ExecResult>;
}

/** Sends a signal to a whole process group, ignoring groups that are already gone. */
export function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** What an exit code usually means, for the failure message. */
export function exitCodeMeaning(code: number | null, signal: string | null): string | undefined {
  if (signal) return signal;
  switch (code) {
    case 1:
      return 'general error';
    case 2:
      return 'misuse of shell builtin';
    case 124:
      return 'timed out';
    case 126:
      return 'not executable';
    case 127:
      return 'command not found';
    case 130:
      return 'interrupted (SIGINT)';
    case 137:
      return 'killed (SIGKILL)';
    case 143:
      return 'terminated (SIGTERM)';
    default:
      return code !== null && code > 128 ? `signal ${code - 128}` : undefined;
  }
}
