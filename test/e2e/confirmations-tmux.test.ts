// How a destructive step was confirmed, as the reports and the maintenance log say it (issue #19):
// the yes/no question outside protected environments is "answered yes/no", the protected
// environment's typed confirmation is "typed the confirmation" — in Markdown, HTML, JSON and `log`,
// in English and Spanish; a journal written before the kind was recorded still says it right.
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cleanEnv, removeTempDirs, runCli, tempDir } from '../lint/run-cli.js';
import { closeTerminals, ROOT, startTerminal } from '../support/tmux.js';

const fixture = (name: string) => join(ROOT, 'test', 'fixtures', 'screen', name);
const onlyRun = (state: string) => join(state, 'runs', readdirSync(join(state, 'runs'))[0] ?? '');

afterEach(closeTerminals);
afterAll(removeTempDirs);

describe('the yes/no question of a destructive step, in the reports and the log', () => {
  it('says "answered no" then "answered yes" (md, html, json, log; en and es), also from a journal that did not record the kind', async () => {
    const term = startTerminal('confirm', `play ${fixture('destructive.md')} --lang es`);
    await term.waitFor('TICKET — ticket del incidente');
    term.keys('Enter');
    await term.waitFor('¿Qué hacemos?');
    term.keys('Enter');
    await term.waitFor('2/2 borrar-el-marcador');
    term.keys('Enter');
    await term.waitFor('¿Lo ejecuto? (s/N)');
    term.keys('Enter'); // No
    await term.waitFor('No se ejecutó (responde s para ejecutarlo).');
    term.keys('Enter');
    await term.waitFor('¿Lo ejecuto? (s/N)', 2);
    term.type('s');
    term.keys('Enter');
    expect(await term.waitFor('EXIT=')).toContain('EXIT=0');

    const state = join(term.dir, 'state');
    const env = cleanEnv({ RUNBOOK_STATE_DIR: state });
    const run = onlyRun(state);
    const id = run.split('/').pop() ?? '';
    const en = runCli(['report', id, '--format', 'md', '--lang', 'en'], { env });
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(/\| borrar-el-marcador \| answered no \|/);
    expect(en.stdout).toMatch(/\| borrar-el-marcador \| answered yes \|/);
    expect(en.stdout).not.toContain('typed');
    const es = runCli(['report', id, '--format', 'md', '--lang', 'es'], { env });
    expect(es.stdout).toMatch(/\| borrar-el-marcador \| respondió no \|/);
    expect(es.stdout).toMatch(/\| borrar-el-marcador \| respondió sí \|/);
    expect(es.stdout).not.toContain('escrita');
    const html = runCli(['report', id, '--format', 'html', '--lang', 'en'], { env });
    expect(html.stdout).toContain('<td>answered yes</td>');
    const json = JSON.parse(runCli(['report', id, '--format', 'json'], { env }).stdout) as { decisions: { choice: string; confirmation?: string }[] };
    expect(json.decisions.filter((d) => d.confirmation).map((d) => `${d.choice}:${d.confirmation}`)).toEqual(['refused:question', 'confirmed:question']);
    const log = runCli(['log', '--format', 'md', '--lang', 'en'], { env });
    expect(log.stdout).toContain('borrar-el-marcador: answered no; borrar-el-marcador: answered yes');
    expect(runCli(['log', '--format', 'md', '--lang', 'es'], { env }).stdout).toContain('borrar-el-marcador: respondió no; borrar-el-marcador: respondió sí');

    // The journal as the engine wrote it before the kind was recorded: the question's reason tells it.
    const journal = join(run, 'journal.jsonl');
    const events = readFileSync(journal, 'utf8');
    expect(events).toContain('"confirmation":"question"');
    writeFileSync(journal, events.replace(/,"confirmation":"question"/g, ''));
    const old = runCli(['report', id, '--format', 'md', '--lang', 'en'], { env });
    expect(old.stdout).toMatch(/\| borrar-el-marcador \| answered yes \|/);
  }, 120_000);
});

describe('the typed confirmation of a protected environment', () => {
  it('says "typed the confirmation" (--confirm-env under --yes) in the report, en and es, and in JSON', () => {
    const dir = tempDir('runbook-confirm-');
    cpSync(fixture('destructive.md'), join(dir, 'destructive.md'));
    const md = readFileSync(join(dir, 'destructive.md'), 'utf8').replace('lang: es\n', 'lang: es\nenvironments:\n  prod: { protected: true }\n');
    writeFileSync(join(dir, 'destructive.md'), md);
    writeFileSync(join(dir, 'marcador.txt'), 'x\n');
    const env = cleanEnv({ RUNBOOK_STATE_DIR: join(dir, 'state'), RUNBOOK_LOCK_DIR: join(dir, 'locks') });
    const play = runCli(['play', join(dir, 'destructive.md'), '--env', 'prod', '--yes', '--allow-destructive', '--confirm-env', 'prod'], { env, cwd: dir });
    expect(play.code, play.stderr).toBe(0);
    const id = onlyRun(join(dir, 'state')).split('/').pop() ?? '';
    const en = runCli(['report', id, '--format', 'md', '--lang', 'en'], { env });
    expect(en.stdout).toMatch(/\| — \| typed the confirmation \(automatic, --yes\) \|/);
    expect(en.stdout).not.toContain('answered');
    const es = runCli(['report', id, '--format', 'md', '--lang', 'es'], { env });
    expect(es.stdout).toContain('escribió la confirmación');
    const json = JSON.parse(runCli(['report', id, '--format', 'json'], { env }).stdout) as { decisions: { choice: string; confirmation?: string }[] };
    expect(json.decisions.find((d) => d.choice === 'confirmed')?.confirmation).toBe('typed');
  });
});
