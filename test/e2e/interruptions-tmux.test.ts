// Interruptions in a real terminal (tmux): Ctrl+C at the prompt after a
// destructive step is Abort and Enter takes "Roll back"; a closed terminal
// (SIGHUP) lets a running step finish and the run resumes without running it
// again; SIGTERM at a prompt is recorded as SIGTERM and leaves the run resumable.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, closeTerminals, startTerminal, terminalEnv, tmux, type Terminal } from '../support/tmux.js';

afterEach(closeTerminals);


async function until(check: () => boolean, what: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `runbook play rb.md` in a terminal, in English, with the journal and the CLI of its folder at hand. */
function world(label: string, markdown: string) {
  const term: Terminal = startTerminal(label, 'play rb.md', { env: { RUNBOOK_LANG: 'en', TERM: 'xterm' }, files: { 'rb.md': markdown } });
  const dir = term.dir;
  const journal = () => {
    const runs = existsSync(join(dir, 'state', 'runs')) ? readdirSync(join(dir, 'state', 'runs')) : [];
    if (runs.length === 0) return [];
    return readFileSync(join(dir, 'state', 'runs', runs[0] as string, 'journal.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  };
  const cli = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, env: { ...process.env, ...terminalEnv(dir), RUNBOOK_LANG: 'en', NO_COLOR: '1' }, encoding: 'utf8', input: '', timeout: 120_000 });
  const unlocked = () => !(existsSync(join(dir, 'locks')) && readdirSync(join(dir, 'locks')).some((f) => f.endsWith('.lock')));
  return { term, dir, journal, cli, unlocked };
}

describe('interruptions in a real terminal', () => {
  it('Ctrl+C at the prompt after a destructive step, then Enter, runs the rollback path', async () => {
    const w = world('int-ctrlc', `# Restaurar\n\n## Borrar\n\n\`\`\`bash { id=drop destructive }\necho borrado\n\`\`\`\n\n## Cargar\n\n\`\`\`bash { id=load }\necho cargado\n\`\`\`\n\n## Marcha atrás\n\n\`\`\`bash { id=undo rollback }\necho deshecho\n\`\`\`\n`);
    await w.term.waitFor('What now?');
    w.term.keys('Enter'); // Run drop
    await w.term.waitFor('is destructive. Run it?');
    w.term.keys('y', 'Enter'); // the deliberate yes a destructive step needs
    await w.term.waitFor('2/2 load');
    await until(() => (w.term.screen().match(/What now\?/g) ?? []).length >= 2, 'the prompt of load');
    w.term.keys('C-c'); // Ctrl+C at the prompt = Abort
    await w.term.waitFor('Run the rollback path before stopping?');
    w.term.keys('Enter'); // the default: roll back
    await until(() => (w.term.screen().match(/What now\?/g) ?? []).length >= 3, 'the prompt of the rollback step');
    w.term.keys('Enter'); // Run undo
    const final = await w.term.waitFor('EXIT=');
    expect(final).toContain('deshecho');
    expect(final).toContain('ROLLED BACK');
    expect(final).not.toContain('│ cargado'); // shown as a command, never run
    const events = w.journal();
    expect(events.find((e) => e.type === 'decision' && e.choice === 'abort')).toMatchObject({ step: 'load', reason: { key: 'reason.ctrlCAtPrompt' } });
    expect(events.at(-1)).toMatchObject({ type: 'run-finished', status: 'rolled-back' });
  }, 180_000);

  it('a closed terminal (SIGHUP) during a 3-second step lets it finish; resume goes on without running it again', async () => {
    const w = world('int-hup', `# Largo\n\n## Esperar\n\n\`\`\`bash { id=wait3 }\nsleep 3\necho fin-de-la-espera\n\`\`\`\n\n## Después\n\n\`\`\`bash { id=after }\necho despues\n\`\`\`\n`);
    await w.term.waitFor('What now?');
    w.term.keys('Enter'); // Run wait3
    await until(() => w.journal().some((e) => e.type === 'step-process'), 'the step to start');
    tmux('kill-session', '-t', w.term.name); // the terminal goes away: SIGHUP
    await until(() => w.journal().some((e) => e.type === 'run-stopped'), 'the run to stop');
    const events = w.journal();
    expect(events.find((e) => e.type === 'step-finished' && e.step === 'wait3')).toMatchObject({ status: 'succeeded' });
    expect(events.at(-1)).toMatchObject({ type: 'run-stopped', signal: 'SIGHUP', after: 'wait3' });
    // `run-stopped` is journaled first, then the lock is released: wait for the engine to be done
    await until(w.unlocked, 'the lock to be released');
    const resumed = w.cli(['resume', '--yes']);
    expect(resumed.status, resumed.stdout + resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('stopped by SIGHUP');
    expect(resumed.stdout).toContain('While nobody was watching, step wait3 finished: succeeded (exit 0)');
    const after = w.journal();
    expect(after.filter((e) => e.type === 'step-started' && e.step === 'wait3')).toHaveLength(1);
    expect(after.at(-1)).toMatchObject({ type: 'run-finished', status: 'succeeded' });
  }, 180_000);

  it('SIGTERM at a prompt is recorded as SIGTERM and leaves the run resumable (exit 130)', async () => {
    const w = world('int-term', `# Uno\n\n## Paso\n\n\`\`\`bash { id=one }\necho uno\n\`\`\`\n`);
    await w.term.waitFor('What now?');
    // the engine itself: the child of this terminal's shell (not the tmux server, not the shell)
    const shell = tmux('display-message', '-p', '-t', w.term.name, '#{pane_pid}').stdout.trim();
    const engine = spawnSync('pgrep', ['-P', shell, '-f', `^${process.execPath} ${BIN} play rb.md`], { encoding: 'utf8' }).stdout.trim().split('\n')[0];
    expect(engine).toMatch(/^\d+$/);
    process.kill(Number(engine), 'SIGTERM');
    const final = await w.term.waitFor('EXIT=');
    expect(final).toContain('EXIT=130');
    expect(final).toContain('STOPPED by SIGTERM');
    expect(final).not.toMatch(/\n\s+at /);
    expect(w.journal().at(-1)).toMatchObject({ type: 'run-stopped', signal: 'SIGTERM' });
  }, 180_000);

  it('Ctrl+C during a step (attended) stops its group and leaves the run resumable (exit 130)', async () => {
    const w = world('int-ctrlc-step', `# Largo\n\n## Esperar\n\n\`\`\`bash { id=long }\nsleep 300\n\`\`\`\n\n## Después\n\n\`\`\`bash { id=after }\necho despues\n\`\`\`\n`);
    await w.term.waitFor('What now?');
    w.term.keys('Enter'); // Run long
    await until(() => w.journal().some((e) => e.type === 'step-process'), 'the step to start');
    w.term.keys('C-c');
    const final = await w.term.waitFor('EXIT=');
    expect(final).toContain('EXIT=130');
    expect(final).toContain('STOPPED by SIGINT');
    const events = w.journal();
    expect(events.find((e) => e.type === 'step-finished' && e.step === 'long')).toMatchObject({ status: 'interrupted' });
    expect(events.at(-1)).toMatchObject({ type: 'run-stopped', signal: 'SIGINT' });
  }, 180_000);

  it('a closed terminal at a prompt: the prompt is cancelled, the run stopped and resumable, no lock left', async () => {
    const w = world('int-hup-prompt', `# Uno\n\n## Paso\n\n\`\`\`bash { id=one }\necho uno\n\`\`\`\n`);
    await w.term.waitFor('What now?');
    tmux('kill-session', '-t', w.term.name);
    await until(() => w.journal().some((e) => e.type === 'run-stopped'), 'the run to stop');
    // SIGHUP, or the EIO that readline meets first when the pty closes under the prompt: either way a stop
    expect(w.journal().at(-1)).toMatchObject({ type: 'run-stopped', signal: expect.toBeOneOf(['SIGHUP', 'EIO']) });
    expect(w.journal().some((e) => e.type === 'step-started')).toBe(false);
    await until(w.unlocked, 'the lock to be released');
    const resumed = w.cli(['resume', '--yes']);
    expect(resumed.status, resumed.stdout + resumed.stderr).toBe(0);
    expect(w.journal().at(-1)).toMatchObject({ type: 'run-finished', status: 'succeeded' });
  }, 180_000);
});
