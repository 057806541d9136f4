// Shell completion: the bash script completes commands, flags, flag values,
// runbook ids and aliases, run ids and step ids; zsh and fish scripts print.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'runbook-completion-'));
const shim = join(work, 'bin');
mkdirSync(shim);
writeFileSync(join(shim, 'runbook'), `#!/bin/sh\nexec "${process.execPath}" "${join(root, 'dist', 'engine', 'cli', 'bin.js')}" "$@"\n`);
chmodSync(join(shim, 'runbook'), 0o755);
const state = join(work, 'state');
mkdirSync(join(state, 'runs', '20261122T010203Z-rb-01-abcd'), { recursive: true });
writeFileSync(join(state, 'runs', '20261122T010203Z-rb-01-abcd', 'journal.jsonl'), '');
afterAll(() => rmSync(work, { recursive: true, force: true }));

function complete(words: string[]): string[] {
  const script = `source <(runbook completion bash)
COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); COMPREPLY=()
_runbook
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', script], { cwd: work, encoding: 'utf8', env: { ...process.env, PATH: `${shim}:${process.env.PATH}`, RUNBOOK_STATE_DIR: state, RUNBOOK_CACHE_DIR: join(work, 'cache'), RUNBOOK_LANG: 'en' } });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split('\n').filter(Boolean);
}

describe('bash completion', () => {
  it('completes commands', () => {
    expect(complete(['runbook', 'pl'])).toEqual(['play']);
    expect(complete(['runbook', ''])).toEqual(expect.arrayContaining(['list', 'show', 'lint', 'graph', 'play', 'resume', 'runs', 'report', 'log', 'new', 'completion']));
    expect(complete(['runbook', ''])).not.toContain('__complete');
  });

  it('completes the flags of each command and their values', () => {
    expect(complete(['runbook', 'play', '--al'])).toEqual(['--allow-destructive']);
    expect(complete(['runbook', 'lint', '--format', ''])).toEqual(['text', 'json', 'github']);
    expect(complete(['runbook', 'list', '--lang', ''])).toEqual(['es', 'en']);
  });

  it('completes runbook ids and aliases of the shipped runbooks', () => {
    const words = complete(['runbook', 'play', '']);
    expect(words).toEqual(expect.arrayContaining(['RB-01', 'restore-db', 'SOP-002', 'restart-backend']));
    expect(complete(['runbook', 'show', 'resto'])).toContain('restore-db');
  });

  it('completes run ids and step ids', () => {
    expect(complete(['runbook', 'resume', ''])).toEqual(['20261122T010203Z-rb-01-abcd']);
    expect(complete(['runbook', 'play', 'RB-01', '--from', ''])).toEqual(expect.arrayContaining(['stop-services', 'restore', 'verify']));
  });

  it('prints zsh and fish scripts', () => {
    const run = (shell: string) => spawnSync(process.execPath, [join(root, 'dist', 'engine', 'cli', 'bin.js'), 'completion', shell], { encoding: 'utf8' });
    expect(run('zsh').stdout).toContain('bashcompinit');
    expect(run('fish').stdout).toContain('complete -c runbook -n __fish_use_subcommand -a play');
    expect(run('tcsh').status).toBe(2);
  });
});
