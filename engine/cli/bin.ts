#!/usr/bin/env node
// The `runbook` executable. Kept tiny: `--version` answers without loading
// anything, every command loads lazily. The only place that sets the exit code.
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  const { versionLine } = await import('../version.js');
  process.stdout.write(`${versionLine()}\n`);
} else {
  const { terminalGone } = await import('./terminal.js');
  // A library that loses the terminal under a prompt (readline: `setRawMode EIO`) must not crash a run: the run stops, resumable.
  process.on('uncaughtException', (error) => {
    if (terminalGone(error)) return;
    process.stderr.write(`internal error: ${error.stack ?? String(error)}\n`);
    process.exit(70);
  });
  const { main } = await import('./main.js');
  process.exitCode = await main({ argv, cwd: process.cwd(), env: process.env, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
}
