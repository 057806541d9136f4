/** The run's provenance: the runbook's Git commit and whether the file differs from it. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitInfo } from '../../engine/run/provenance.js';

const env: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env, encoding: 'utf8' }).trim();

function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rb-prov-'));
  git(dir, 'init', '-q');
  mkdirSync(join(dir, 'runbooks'));
  writeFileSync(join(dir, 'runbooks', 'a.md'), '# A\n');
  writeFileSync(join(dir, 'runbooks', 'b.md'), '# B\n');
  git(dir, 'add', '.');
  git(dir, 'commit', '-qm', 'first');
  return dir;
}

describe('gitInfo', () => {
  it('gives the commit, clean when the file is as committed, even when another file changed', () => {
    const dir = repo();
    writeFileSync(join(dir, 'runbooks', 'b.md'), '# B changed\n');
    expect(gitInfo(join(dir, 'runbooks', 'a.md'), env)).toEqual({ commit: git(dir, 'rev-parse', 'HEAD'), dirty: false });
  });

  it('is dirty when the file is modified, staged or untracked', () => {
    const dir = repo();
    const head = git(dir, 'rev-parse', 'HEAD');
    writeFileSync(join(dir, 'runbooks', 'a.md'), '# A changed\n');
    expect(gitInfo(join(dir, 'runbooks', 'a.md'), env)).toEqual({ commit: head, dirty: true });
    git(dir, 'add', 'runbooks/a.md');
    expect(gitInfo(join(dir, 'runbooks', 'a.md'), env)).toEqual({ commit: head, dirty: true });
    mkdirSync(join(dir, 'runbooks', 'new'));
    writeFileSync(join(dir, 'runbooks', 'new', 'c.md'), '# C\n');
    expect(gitInfo(join(dir, 'runbooks', 'new', 'c.md'), env)).toEqual({ commit: head, dirty: true });
  });

  it('has nothing to say outside a work tree or before the first commit', () => {
    const outside = mkdtempSync(join(tmpdir(), 'rb-prov-none-'));
    writeFileSync(join(outside, 'a.md'), '# A\n');
    expect(gitInfo(join(outside, 'a.md'), { ...env, GIT_CEILING_DIRECTORIES: tmpdir() })).toBeUndefined();
    const empty = mkdtempSync(join(tmpdir(), 'rb-prov-empty-'));
    git(empty, 'init', '-q');
    writeFileSync(join(empty, 'a.md'), '# A\n');
    expect(gitInfo(join(empty, 'a.md'), env)).toBeUndefined();
  });

  it('starts no git when no folder above the file holds .git and GIT_DIR is unset', () => {
    const outside = mkdtempSync(join(tmpdir(), 'rb-prov-nogit-'));
    writeFileSync(join(outside, 'a.md'), '# A\n');
    // A `git` that leaves a mark when it is started, and answers with a commit.
    const bin = mkdtempSync(join(tmpdir(), 'rb-prov-bin-'));
    const mark = join(bin, 'started');
    writeFileSync(join(bin, 'git'), `#!/bin/sh\ntouch '${mark}'\necho '# branch.oid ${'a'.repeat(40)}'\n`, { mode: 0o755 });
    const { GIT_DIR: _unset, ...rest } = env;
    expect(gitInfo(join(outside, 'a.md'), { ...rest, PATH: `${bin}:${env.PATH ?? ''}` })).toBeUndefined();
    expect(existsSync(mark)).toBe(false);
    // The same fake git is used once GIT_DIR says where the repository is.
    expect(gitInfo(join(outside, 'a.md'), { ...rest, GIT_DIR: join(outside, 'elsewhere'), PATH: `${bin}:${env.PATH ?? ''}` })).toEqual({ commit: 'a'.repeat(40), dirty: false });
  });
});
