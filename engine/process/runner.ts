/**
 * The process runner's contract: one command in its own shell process, one
 * result shape for success and failure. Non-interactive commands run in
 * their own process group with stdin closed and output streamed to
 * `onOutput` as bytes; stopping a step (timeout, Ctrl+C, signal) stops its
 * whole group, so no orphan survives. Interactive commands get the real
 * terminal. The implementation is `spawn.ts`.
 */
export type ExecStatus = 'succeeded' | 'failed' | 'timed-out' | 'interrupted';

export interface ExecRequest {
  command: string;
  /** The shell and its flags, e.g. `['bash', '-e', '-o', 'pipefail']`; the command follows `-c`. */
  shell: readonly string[];
  /** Shell text run before the command on its first line (the session dump, `engine/run/session.ts`); not part of the command as shown or journaled. */
  prelude?: string;
  /** An open file the shell inherits as descriptor 7 (the session dump the prelude writes). */
  sessionFd?: number;
  cwd: string;
  env: Readonly<Record<string, string>>;
  timeoutMs?: number;
  interactive: boolean;
  /** Keep at most this many bytes of stdout in the result (for `capture` and `expect`). */
  keepStdout?: number;
  /** Stops the command (its whole process group) when aborted. */
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
  /** The kept stdout, decoded once from its bytes. */
  stdout: string;
  /** The last 4 KiB of stderr. */
  stderr: string;
  outputBytes: number;
  /** The system's reason when the shell could not be started at all (e.g. `ENOENT`). */
  spawnError?: string;
}

export interface ProcessRunner {
  run(request: ExecRequest): Promise<ExecResult>;
  /** Ends what the runner keeps between commands (its shell server); the run calls it when it is over. */
  close?(): void;
}
