// The same interactive session in a real terminal (tmux), in Spanish and in
// English: the screen speaks the operator's language; the journal is the same.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tmux } from '../support/tmux.js';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'dist', 'engine', 'cli', 'bin.js');
const fixture = join(root, 'test', 'fixtures', 'language', 'session.md');
const sessions: string[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const s of sessions.splice(0)) tmux('kill-session', '-t', s);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const screen = (name: string) => tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', name).stdout;

async function waitFor(name: string, text: string): Promise<string> {
  const end = Date.now() + 20_000;
  for (;;) {
    const shown = screen(name);
    if (shown.includes(text)) return shown;
    if (Date.now() > end) throw new Error(`"${text}" never appeared on screen:\n${shown}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function session(lang: 'es' | 'en', expect: { step: string; manual: string; failure: string; skipWhy: string; done: string }) {
  const dir = mkdtempSync(join(tmpdir(), `runbook-tmux-${lang}-`));
  dirs.push(dir);
  const name = `runbook-lang-${lang}-${process.pid}`;
  sessions.push(name);
  const env = `RUNBOOK_STATE_DIR=${dir}/state RUNBOOK_CACHE_DIR=${dir}/cache RUNBOOK_LOCK_DIR=${dir}/locks NO_COLOR=1 TERM=xterm`;
  const started = tmux('new-session', '-d', '-s', name, '-x', '140', '-y', '45', `env ${env} ${process.execPath} ${bin} play ${fixture} --lang ${lang}; echo EXIT=$?; sleep 30`);
  if (started.status !== 0) throw new Error(`tmux failed: ${started.stderr}`);
  await waitFor(name, expect.step);
  tmux('send-keys', '-t', name, 'Enter'); // Run (the default)
  await waitFor(name, expect.manual);
  tmux('send-keys', '-t', name, 'Enter'); // Done (the default)
  await waitFor(name, '3/3 fallar');
  tmux('send-keys', '-t', name, 'Enter'); // Run the failing step
  const atFailure = await waitFor(name, expect.failure);
  tmux('send-keys', '-t', name, 'Down', 'Down', 'Enter'); // Retry, Edit and retry, → Skip
  await waitFor(name, expect.skipWhy); // why a failed step is skipped is asked, and journaled
  tmux('send-keys', '-t', name, '-l', 'ya no aplica');
  tmux('send-keys', '-t', name, 'Enter');
  const final = await waitFor(name, 'EXIT=');
  const runs = readdirSync(join(dir, 'state', 'runs'));
  const journal = readFileSync(join(dir, 'state', 'runs', runs[0] as string, 'journal.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  return { final, atFailure, journal, done: expect.done };
}

const shape = (journal: { type: string; step?: string; choice?: string; status?: string }[]) => journal.map((e) => [e.type, e.step ?? '', e.choice ?? e.status ?? '']);

describe('an interactive session in a real terminal', () => {
  it('speaks Spanish and English, and journals the same decisions', async () => {
    const es = await session('es', { step: '¿Qué hacemos?', manual: 'Paso manual: ¿hecho?', failure: 'El paso falló. ¿Qué hacemos?', skipWhy: '¿Por qué se omite?', done: 'Ejecución correcta' });
    expect(es.final).toContain('Ejecutar');
    expect(es.atFailure).toContain('↑↓ mover · ⏎ elegir');
    expect(es.atFailure).toContain('Reintentar');
    expect(es.final).toContain('hola desde el paso');
    expect(es.final).toContain('falló con código de salida 3');
    expect(es.final).toContain('Ejecución correcta');
    expect(es.final).toContain('EXIT=0');
    const en = await session('en', { step: 'What now?', manual: 'Manual step: done?', failure: 'The step failed. What now?', skipWhy: 'Why skip it?', done: 'Run succeeded' });
    expect(en.atFailure).toContain('↑↓ move · ⏎ choose');
    expect(en.atFailure).toContain('Edit and retry');
    expect(en.final).toContain('failed with exit code 3');
    expect(en.final).toContain('Run succeeded');
    expect(en.final).toContain('EXIT=0');
    expect(shape(en.journal)).toEqual(shape(es.journal));
    expect(shape(es.journal)).toEqual(expect.arrayContaining([['decision', 'saludar', 'run'], ['decision', 'confirmar-con-el-equipo', 'done'], ['decision', 'fallar', 'skip']]));
    expect(es.journal.find((e: { type: string; choice?: string }) => e.type === 'decision' && e.choice === 'skip')).toMatchObject({ text: 'ya no aplica' });
  }, 180_000);
});
