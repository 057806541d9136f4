#!/usr/bin/env node
// The `runbook` executable. Kept tiny: `--version` answers without loading
// anything, every command loads lazily. The only place that sets the exit code.
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  const { versionLine } = await import('../version.js');
  process.stdout.write(`${versionLine()}\n`);
} else {
  const { main } = await import('./main.js');
  process.exitCode = await main({ argv, cwd: process.cwd(), env: process.env, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
}
