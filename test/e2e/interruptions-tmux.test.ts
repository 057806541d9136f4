// Interruptions in a real terminal (tmux): Ctrl+C at the prompt after a
// destructive step is Abort and Enter takes "Roll back"; a closed terminal
// (SIGHUP) lets a running step finish and the run resumes without running it
// again; SIGTERM at a prompt is recorded as SIGTERM and leaves the run resumable.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'dist', 'engine', 'cli', 'bin.js');
const sessions: string[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const s of sessions.splice(0)) spawnSync('tmux', ['kill-session', '-t', s]);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const tmux = (...args: string[]) => spawnSync('tmux', args, { encoding: 'utf8' });
const screen = (name: string) => tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', name).stdout;

async function until(check: () => boolean, what: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function waitFor(name: string, text: string): Promise<string> {
  let shown = '';
  await until(() => (shown = screen(name)).includes(text), `"${text}" on screen:\n${screen(name)}`);
  return shown;
}

function world(markdown: string) {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-int-tmux-'));
  dirs.push(dir);
  const file = join(dir, 'rb.md');
  writeFileSync(file, markdown);
  const env = { RUNBOOK_STATE_DIR: join(dir, 'state'), RUNBOOK_CACHE_DIR: join(dir, 'cache'), RUNBOOK_LOCK_DIR: join(dir, 'locks'), RUNBOOK_LANG: 'en', NO_COLOR: '1', TERM: 'xterm' };
  const journal = () => {
    const runs = existsSync(join(dir, 'state', 'runs')) ? readdirSync(join(dir, 'state', 'runs')) : [];
    if (runs.length === 0) return [];
    return readFileSync(join(dir, 'state', 'runs', runs[0] as string, 'journal.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  };
  const start = (name: string, args: string) => {
    sessions.push(name);
    const vars = Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ');
    const r = tmux('new-session', '-d', '-s', name, '-x', '140', '-y', '45', `env ${vars} ${process.execPath} ${bin} ${args}; echo EXIT=$?; sleep 60`);
    if (r.status !== 0) throw new Error(`tmux failed: ${r.stderr}`);
  };
  const cli = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8', input: '', timeout: 120_000 });
  return { dir, file, journal, start, cli };
}

describe('interruptions in a real terminal', () => {
  it('Ctrl+C at the prompt after a destructive step, then Enter, runs the rollback path', async () => {
    const w = world(`# Restaurar\n\n## Borrar\n\n\`\`\`bash { id=drop destructive }\necho borrado\n\`\`\`\n\n## Cargar\n\n\`\`\`bash { id=load }\necho cargado\n\`\`\`\n\n## Marcha atrás\n\n\`\`\`bash { id=undo rollback }\necho deshecho\n\`\`\`\n`);
    const name = `rb-int-ctrlc-${process.pid}`;
    w.start(name, `play ${w.file}`);
    await waitFor(name, 'What now?');
    tmux('send-keys', '-t', name, 'Enter'); // Run drop
    await waitFor(name, 'is destructive. Run it?');
    tmux('send-keys', '-t', name, 'y', 'Enter'); // the deliberate yes a destructive step needs
    await waitFor(name, '2/2 load');
    await until(() => (screen(name).match(/What now\?/g) ?? []).length >= 2, 'the prompt of load');
    tmux('send-keys', '-t', name, 'C-c'); // Ctrl+C at the prompt = Abort
    await waitFor(name, 'Run the rollback path before stopping?');
    tmux('send-keys', '-t', name, 'Enter'); // the default: roll back
    await until(() => (screen(name).match(/What now\?/g) ?? []).length >= 3, 'the prompt of the rollback step');
    tmux('send-keys', '-t', name, 'Enter'); // Run undo
    const final = await waitFor(name, 'EXIT=');
    expect(final).toContain('deshecho');
    expect(final).toContain('ROLLED BACK');
    expect(final).not.toContain('│ cargado'); // shown as a command, never run
    const events = w.journal();
    expect(events.find((e) => e.type === 'decision' && e.choice === 'abort')).toMatchObject({ step: 'load', reason: { key: 'reason.ctrlCAtPrompt' } });
    expect(events.at(-1)).toMatchObject({ type: 'run-finished', status: 'rolled-back' });
  }, 180_000);

  it('a closed terminal (SIGHUP) during a 3-second step lets it finish; resume goes on without running it again', async () => {
    const w = world(`# Largo\n\n## Esperar\n\n\`\`\`bash { id=wait3 }\nsleep 3\necho fin-de-la-espera\n\`\`\`\n\n## Después\n\n\`\`\`bash { id=after }\necho despues\n\`\`\`\n`);
    const name = `rb-int-hup-${process.pid}`;
    w.start(name, `play ${w.file}`);
    await waitFor(name, 'What now?');
    tmux('send-keys', '-t', name, 'Enter'); // Run wait3
    await until(() => w.journal().some((e) => e.type === 'step-process'), 'the step to start');
    tmux('kill-session', '-t', name); // the terminal goes away: SIGHUP
    await until(() => w.journal().some((e) => e.type === 'run-stopped'), 'the run to stop');
    const events = w.journal();
    expect(events.find((e) => e.type === 'step-finished' && e.step === 'wait3')).toMatchObject({ status: 'succeeded' });
    expect(events.at(-1)).toMatchObject({ type: 'run-stopped', signal: 'SIGHUP', after: 'wait3' });
    // `run-stopped` is journaled first, then the lock is released: wait for the engine to be done
    await until(() => !(existsSync(join(w.dir, 'locks')) && readdirSync(join(w.dir, 'locks')).some((f) => f.endsWith('.lock'))), 'the lock to be released');
    const resumed = w.cli(['resume', '--yes']);
    expect(resumed.status, resumed.stdout + resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('stopped by SIGHUP');
    expect(resumed.stdout).toContain('While nobody was watching, step wait3 finished: succeeded (exit 0)');
    const after = w.journal();
    expect(after.filter((e) => e.type === 'step-started' && e.step === 'wait3')).toHaveLength(1);
    expect(after.at(-1)).toMatchObject({ type: 'run-finished', status: 'succeeded' });
  }, 180_000);

  it('SIGTERM at a prompt is recorded as SIGTERM and leaves the run resumable (exit 130)', async () => {
    const w = world(`# Uno\n\n## Paso\n\n\`\`\`bash { id=one }\necho uno\n\`\`\`\n`);
    const name = `rb-int-term-${process.pid}`;
    w.start(name, `play ${w.file}`);
    await waitFor(name, 'What now?');
    // the engine itself (not the tmux server or the shell whose command lines also name the file)
    const engine = spawnSync('pgrep', ['-f', `^${process.execPath} ${bin} play ${w.file}`], { encoding: 'utf8' }).stdout.trim().split('\n')[0];
    expect(engine).toMatch(/^\d+$/);
    process.kill(Number(engine), 'SIGTERM');
    const final = await waitFor(name, 'EXIT=');
    expect(final).toContain('EXIT=130');
    expect(final).toContain('STOPPED by SIGTERM');
    expect(final).not.toMatch(/\n\s+at /);
    expect(w.journal().at(-1)).toMatchObject({ type: 'run-stopped', signal: 'SIGTERM' });
  }, 180_000);

  it('Ctrl+C during a step (attended) stops its group and leaves the run resumable (exit 130)', async () => {
    const w = world(`# Largo\n\n## Esperar\n\n\`\`\`bash { id=long }\nsleep 300\n\`\`\`\n\n## Después\n\n\`\`\`bash { id=after }\necho despues\n\`\`\`\n`);
    const name = `rb-int-ctrlc-step-${process.pid}`;
    w.start(name, `play ${w.file}`);
    await waitFor(name, 'What now?');
    tmux('send-keys', '-t', name, 'Enter'); // Run long
    await until(() => w.journal().some((e) => e.type === 'step-process'), 'the step to start');
    tmux('send-keys', '-t', name, 'C-c');
    const final = await waitFor(name, 'EXIT=');
    expect(final).toContain('EXIT=130');
    expect(final).toContain('STOPPED by SIGINT');
    const events = w.journal();
    expect(events.find((e) => e.type === 'step-finished' && e.step === 'long')).toMatchObject({ status: 'interrupted' });
    expect(events.at(-1)).toMatchObject({ type: 'run-stopped', signal: 'SIGINT' });
  }, 180_000);

  it('a closed terminal at a prompt: the prompt is cancelled, the run stopped and resumable, no lock left', async () => {
    const w = world(`# Uno\n\n## Paso\n\n\`\`\`bash { id=one }\necho uno\n\`\`\`\n`);
    const name = `rb-int-hup-prompt-${process.pid}`;
    w.start(name, `play ${w.file}`);
    await waitFor(name, 'What now?');
    tmux('kill-session', '-t', name);
    await until(() => w.journal().some((e) => e.type === 'run-stopped'), 'the run to stop');
    // SIGHUP, or the EIO that readline meets first when the pty closes under the prompt: either way a stop
    expect(w.journal().at(-1)).toMatchObject({ type: 'run-stopped', signal: expect.toBeOneOf(['SIGHUP', 'EIO']) });
    expect(w.journal().some((e) => e.type === 'step-started')).toBe(false);
    await until(() => !(existsSync(join(w.dir, 'locks')) && readdirSync(join(w.dir, 'locks')).some((f) => f.endsWith('.lock'))), 'the lock to be released');
    const resumed = w.cli(['resume', '--yes']);
    expect(resumed.status, resumed.stdout + resumed.stderr).toBe(0);
    expect(w.journal().at(-1)).toMatchObject({ type: 'run-finished', status: 'succeeded' });
  }, 180_000);
});
