/**
 * A `console` block holds a terminal transcript: lines starting with `$ `
 * are commands (a trailing `\` continues onto the next line); every other
 * line is sample output.
 */
export interface ConsoleTranscript {
  command: string;
  output: string;
}

export function splitConsoleBlock(text: string): ConsoleTranscript | undefined {
  const commands: string[] = [];
  const output: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line !== '$' && !line.startsWith('$ ')) {
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
  if (commands.length === 0) return undefined;
  return { command: commands.join('\n'), output: output.join('\n').replace(/\s+$/, '') };
}
