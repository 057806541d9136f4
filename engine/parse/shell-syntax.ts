/**
 * Whether bash can parse a command (`bash -n`, nothing runs). Only `lint`
 * and the start of a run ask: parsing a runbook never spawns a process.
 */
import { spawn } from 'node:child_process';

export interface SyntaxProblem {
  /** 1-based line within the command text. */
  line: number;
  /** bash's own words, without the `bash: line N:` prefix. */
  detail: string;
}

export function checkShellSyntax(command: string): Promise<SyntaxProblem | undefined> {
  return new Promise((resolve) => {
    let stderr = '';
    let child;
    try {
      child = spawn('bash', ['-n'], { stdio: ['pipe', 'ignore', 'pipe'] });
    } catch {
      resolve(undefined);
      return;
    }
    child.on('error', () => resolve(undefined));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('close', (code) => {
      if (code === 0) return resolve(undefined);
      const first = stderr.split('\n').find((l) => l.trim() !== '') ?? '';
      const m = /line (\d+): (.*)$/.exec(first);
      // Without a line number, or one past the last line, bash means the end of the text (`unexpected end of file`).
      const last = command.split('\n').length;
      resolve({ line: Math.min(m ? Number(m[1]) : last, last), detail: (m?.[2] ?? first.replace(/^bash: /, '')).trim() });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(command);
  });
}

/** Languages whose commands bash reads (zsh has its own grammar). */
export function bashParses(lang: string): boolean {
  return lang === 'bash' || lang === 'sh' || lang === 'shell' || lang === 'console';
}
