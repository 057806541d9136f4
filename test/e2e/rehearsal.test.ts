// `play --dry-run --fail-at STEP`: a rehearsal. The named step fails in the dry run (journaled
// as a failure, `reason.rehearsedFailure`), so the trainee meets the failure menu, the rollback
// path and the typed confirmation; nothing is executed (each fixture step would leave a mark).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tmux } from '../support/tmux.js';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'dist', 'engine', 'cli', 'bin.js');
const fixture = join(root, 'test', 'fixtures', 'rehearsal', 'rehearse.md');
const sessions: string[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const s of sessions.splice(0)) tmux('kill-session', '-t', s);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

interface Event { type: string; step?: string; choice?: string; status?: string; automatic?: boolean; reason?: { key: string }; text?: string }

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-rehearsal-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'marks'));
  const env = { RUNBOOK_STATE_DIR: join(dir, 'state'), RUNBOOK_CACHE_DIR: join(dir, 'cache'), RUNBOOK_LOCK_DIR: join(dir, 'locks'), RUNBOOK_LANG: 'en', NO_COLOR: '1' };
  const journal = (): Event[] => {
    const runs = readdirSync(join(dir, 'state', 'runs'));
    expect(runs).toHaveLength(1);
    return readFileSync(join(dir, 'state', 'runs', runs[0] ?? '', 'journal.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Event);
  };
  return { dir, env, journal, marks: () => readdirSync(join(dir, 'marks')) };
}

const play = (env: Record<string, string>, ...args: string[]) => spawnSync(process.execPath, [bin, 'play', fixture, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
const finished = (journal: Event[]) => journal.filter((e) => e.type === 'step-finished').map((e) => [e.step, e.status]);

describe('play --dry-run --fail-at', () => {
  it('under --yes: the step fails, the automatic rollback is shown and taken, exit 1 as the real run; nothing executed', () => {
    const w = workspace();
    const r = play(w.env, '--dry-run', '--yes', '--fail-at', 'cargar', '-p', `MARKS=${join(w.dir, 'marks')}`);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toContain('rehearsed failure of cargar (--dry-run --fail-at): nothing was executed');
    expect(r.stdout).toContain('automatic choice (--yes): roll back — a destructive step had run and the run failed');
    expect(r.stdout).toContain('R1/1 deshacer');
    expect(r.stdout).toContain('Run failed and was ROLLED BACK');
    const journal = w.journal();
    expect(finished(journal)).toEqual([['respaldo', 'dry-run'], ['borrar', 'dry-run'], ['cargar', 'failed'], ['deshacer', 'dry-run']]);
    expect(journal.find((e) => e.type === 'step-finished' && e.step === 'cargar')?.reason?.key).toBe('reason.rehearsedFailure');
    expect(journal.find((e) => e.type === 'decision' && e.choice === 'rollback')).toMatchObject({ automatic: true, reason: { key: 'reason.rollbackAfterFailure' } });
    expect(journal.at(-1)).toMatchObject({ type: 'run-finished', status: 'rolled-back' });
    expect(w.marks()).toEqual([]);
  });

  it('without --dry-run, or naming an unknown step: exit 2, the flag and the known step ids; nothing journaled', () => {
    const w = workspace();
    const real = play(w.env, '--yes', '--fail-at', 'cargar', '-p', `MARKS=${join(w.dir, 'marks')}`);
    expect(real.status).toBe(2);
    expect(real.stderr).toContain('--fail-at cargar rehearses a failure and needs --dry-run');
    expect(real.stderr).toContain('respaldo, borrar, cargar, verificar');
    const unknown = play(w.env, '--dry-run', '--yes', '--fail-at', 'nope', '-p', `MARKS=${join(w.dir, 'marks')}`);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown step "nope" for --fail-at, expected one of: respaldo, borrar, cargar, verificar');
    expect(unknown.stderr).not.toContain('deshacer');
    expect(existsSync(join(w.dir, 'state', 'runs'))).toBe(false);
    expect(w.marks()).toEqual([]);
  });

  it('in a real terminal: the typed confirmation, the failure menu, and rollback chosen from it', async () => {
    const w = workspace();
    const name = `runbook-rehearsal-${process.pid}`;
    sessions.push(name);
    const env = Object.entries({ ...w.env, TERM: 'xterm' }).map(([k, v]) => `${k}=${v}`).join(' ');
    const screen = () => tmux('capture-pane', '-p', '-J', '-S', '-300', '-t', name).stdout;
    let seen = 0;
    // Each wait looks only at what appeared since the last one (the same prompt comes back for every step).
    const waitFor = async (text: string) => {
      const end = Date.now() + 20_000;
      for (;;) {
        const shown = screen();
        const at = shown.indexOf(text, seen);
        if (at !== -1) {
          seen = at + text.length;
          return shown;
        }
        if (Date.now() > end) throw new Error(`"${text}" never appeared on screen:\n${shown}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const started = tmux('new-session', '-d', '-s', name, '-x', '160', '-y', '50', `env ${env} ${process.execPath} ${bin} play ${fixture} --dry-run --env ensayo --fail-at cargar -p MARKS=${join(w.dir, 'marks')}; echo EXIT=$?; sleep 30`);
    expect(started.status, started.stderr).toBe(0);
    await waitFor('1/4 respaldo');
    await waitFor('What now?');
    tmux('send-keys', '-t', name, 'Enter'); // Run
    await waitFor('2/4 borrar');
    await waitFor('What now?');
    tmux('send-keys', '-t', name, 'Enter'); // Run → the typed confirmation of the protected environment
    await waitFor('Type the step id (borrar)');
    tmux('send-keys', '-t', name, '-l', 'borrar');
    tmux('send-keys', '-t', name, 'Enter');
    await waitFor('3/4 cargar');
    await waitFor('What now?');
    tmux('send-keys', '-t', name, 'Enter'); // Run → the rehearsed failure
    const atFailure = await waitFor('The step failed. What now?');
    expect(atFailure).toContain('rehearsed failure of cargar');
    expect(atFailure).toContain('Roll back');
    tmux('send-keys', '-t', name, 'Down', 'Down', 'Down', 'Enter'); // Retry, Edit and retry, Skip, → Roll back
    await waitFor('R1/1 deshacer');
    await waitFor('What now?');
    tmux('send-keys', '-t', name, 'Enter'); // Run the rollback step
    const final = await waitFor('EXIT=');
    expect(final).toContain('Run failed and was ROLLED BACK');
    expect(final).toContain('EXIT=1');
    const journal = w.journal();
    expect(journal.filter((e) => e.type === 'decision').map((e) => [e.step, e.choice])).toEqual([['respaldo', 'run'], ['borrar', 'confirmed'], ['borrar', 'run'], ['cargar', 'run'], ['cargar', 'rollback'], ['deshacer', 'run']]);
    expect(journal.find((e) => e.choice === 'confirmed')).toMatchObject({ text: 'borrar', automatic: false });
    expect(finished(journal)).toEqual([['respaldo', 'dry-run'], ['borrar', 'dry-run'], ['cargar', 'failed'], ['deshacer', 'dry-run']]);
    expect(w.marks()).toEqual([]);
  }, 90_000);
});
