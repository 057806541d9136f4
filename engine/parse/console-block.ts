/**
 * Terminal transcripts in shell fences: lines starting with `$ ` are
 * commands (a trailing `\` continues onto the next line); in a fence that
 * has `$ ` lines, `# ` lines are root prompts (commands too); every other
 * line is sample output. A fence with no `$ ` line is not a transcript: a
 * `console` one is context, a `bash`/`sh`… one runs as written.
 */
export interface ConsoleTranscript {
  command: string;
  output: string;
  /** How many prompt lines (commands) were read. */
  commands: number;
  outputLines: number;
}

const isUserPrompt = (line: string) => line === '$' || line.startsWith('$ ');
const isRootPrompt = (line: string) => line.startsWith('# ');

export function splitConsoleBlock(text: string): ConsoleTranscript | undefined {
  const lines = text.split('\n');
  if (!lines.some(isUserPrompt)) return undefined;
  const commands: string[] = [];
  const output: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (!isUserPrompt(line) && !isRootPrompt(line)) {
      output.push(line);
      continue;
    }
    let command = line.slice(2);
    while (command.endsWith('\\') && i + 1 < lines.length) {
      i++;
      command += `\n${lines[i] as string}`;
    }
    commands.push(command);
  }
  const sample = output.join('\n').replace(/\s+$/, '');
  return { command: commands.join('\n'), output: sample, commands: commands.length, outputLines: sample === '' ? 0 : sample.split('\n').length };
}
