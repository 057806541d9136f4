// What the operator sees in a real terminal (tmux), issue #19: the questions a run asks, and how.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeTerminals, ROOT, startTerminal } from '../support/tmux.js';

const fixture = (name: string) => join(ROOT, 'test', 'fixtures', 'screen', name);

afterEach(closeTerminals);

describe('questions in a real terminal', () => {
  it('a param default is a hint that typing replaces; a destructive step is not run by a bare Enter, and is by s', async () => {
    const term = startTerminal('destr', `play ${fixture('destructive.md')} --lang es`);
    writeFileSync(join(term.dir, 'marcador.txt'), 'sigue aquí\n');
    const asked = await term.waitFor('TICKET — ticket del incidente');
    expect(asked).toContain('(INC-1)'); // the default, as a hint
    term.type('INC-4242');
    term.keys('Enter');
    await term.waitFor('¿Qué hacemos?');
    term.keys('Enter'); // Run the first step
    await term.waitFor('2/2 borrar-el-marcador');
    term.keys('Enter'); // Run …
    await term.waitFor('El paso borrar-el-marcador es destructivo. ¿Lo ejecuto? (s/N)');
    term.keys('Enter'); // … and a bare Enter at the yes/no question: No
    await term.waitFor('No se ejecutó (responde s para ejecutarlo).');
    expect(existsSync(join(term.dir, 'marcador.txt'))).toBe(true);
    expect(readFileSync(join(term.dir, 'ticket.txt'), 'utf8')).toBe('ticket=INC-4242\n');
    term.keys('Enter'); // Run, again
    await term.waitFor('¿Lo ejecuto? (s/N)', 2);
    term.type('s');
    term.keys('Enter');
    const final = await term.waitFor('EXIT=');
    expect(final).toContain('MARCADOR-BORRADO');
    expect(final).toContain('EXIT=0');
    expect(existsSync(join(term.dir, 'marcador.txt'))).toBe(false);
  }, 120_000);
});

describe('a running step in a real terminal', () => {
  it('shows a live line with the elapsed time and the last output line, gone when the step ends', async () => {
    const term = startTerminal('live', `play ${fixture('live.md')} --yes --lang es`);
    const silent = await term.waitFor('sin salida todavía');
    expect(silent).toMatch(/⏱ en curso desde hace \d+s · sin salida todavía/);
    writeFileSync(join(term.dir, 'listo'), '');
    const talking = await term.waitFor('recibidos · copiando bloque 7 de 9');
    expect(talking).toMatch(/⏱ en curso desde hace \d+s · 23 B recibidos · copiando bloque 7 de 9/);
    writeFileSync(join(term.dir, 'listo2'), '');
    const final = await term.waitFor('EXIT=');
    expect(final).toContain('EXIT=0');
    expect(final).not.toContain('⏱');
  }, 120_000);

  it('draws nothing when stdout is not a terminal', async () => {
    const term = startTerminal('live-pipe', `play ${fixture('live.md')} --yes --lang es`, { color: true, after: ' > salida.txt' });
    writeFileSync(join(term.dir, 'listo'), '');
    writeFileSync(join(term.dir, 'listo2'), '');
    await term.waitFor('EXIT=0');
    const written = readFileSync(join(term.dir, 'salida.txt'), 'utf8');
    expect(written).toContain('copiando bloque 7 de 9');
    expect(written).not.toContain('⏱');
    expect(written).not.toContain('\u001b');
  }, 120_000);
});

describe('play … | tee notas.txt', () => {
  it('asks its questions on the terminal and writes a plain transcript to stdout', async () => {
    const session = join(ROOT, 'test', 'fixtures', 'language', 'session.md');
    const term = startTerminal('tee', `play ${session} --lang es`, { color: true, after: ' | tee notas.txt' });
    await term.waitFor('↑↓ mover · ⏎ elegir'); // the choice list is drawn on the terminal, not into the pipe
    term.keys('Enter'); // Run
    await term.waitFor('Paso manual: ¿hecho?');
    term.keys('Enter'); // Done
    await term.waitFor('3/3 fallar');
    term.keys('Enter'); // Run the failing step
    await term.waitFor('El paso falló. ¿Qué hacemos?');
    term.keys('Down', 'Down', 'Enter'); // Skip
    await term.waitFor('¿Por qué se omite?');
    term.type('ya no aplica');
    term.keys('Enter');
    const final = await term.waitFor('EXIT=');
    expect(final).toContain('EXIT=0');
    const transcript = readFileSync(join(term.dir, 'notas.txt'), 'utf8');
    expect(transcript).toContain('hola desde el paso');
    expect(transcript).toContain('? ¿Qué hacemos? Ejecutar');
    expect(transcript).toContain('? ¿Por qué se omite? ya no aplica');
    expect(transcript).toContain('Ejecución correcta');
    expect(transcript).not.toContain('\u001b'); // no colour, no cursor moves
    expect(transcript).not.toContain('↑↓ mover'); // the questions themselves were drawn on the terminal
  }, 120_000);

  it('with no terminal at all it still needs --yes', async () => {
    const session = join(ROOT, 'test', 'fixtures', 'language', 'session.md');
    const term = startTerminal('notty', `play ${session} --lang en < /dev/null`, { after: ' | cat' });
    const final = await term.waitFor('EXIT=');
    expect(final).toContain('needs a terminal to ask its questions');
  }, 60_000);
});

describe('sample output in its place', () => {
  it('is shown after the step it illustrates, with its paragraph, labelled as an example; in a dry run it stands in for the output', async () => {
    const term = startTerminal('samples', `play ${fixture('samples.md')} --lang es`);
    await term.waitFor('¿Qué hacemos?');
    term.keys('Enter'); // Run the first step
    await term.waitFor('2/2 seguir');
    const shown = term.screen();
    const at = (text: string) => shown.indexOf(text);
    // The yaml block stands before the first step: at the top of its section, labelled.
    expect(shown).toContain('Configuración de referencia:  [ejemplo del runbook (yaml), no es salida real]');
    expect(at('servicio: api')).toBeLessThan(at('▶ 1/2'));
    // The sample output comes after the real output of its step, with the paragraph that introduces it.
    expect(shown).toContain('Salida esperada (ejemplo):  [ejemplo del runbook (text), no es salida real]');
    expect(at('│ salida-real-del-paso')).toBeGreaterThan(at('▶ 1/2'));
    expect(at('┆ inatrace-be-test-fortaleza   Up 2 hours')).toBeGreaterThan(at('│ salida-real-del-paso'));
    expect(at('┆ inatrace-be-test-fortaleza')).toBeLessThan(at('▶ 2/2'));
    term.keys('Enter');
    expect(await term.waitFor('EXIT=')).toContain('EXIT=0');

    const dry = startTerminal('samples-dry', `play ${fixture('samples.md')} --lang es --dry-run --yes`);
    const walked = await dry.waitFor('EXIT=');
    expect(walked).not.toContain('│ salida-real-del-paso');
    expect(walked.indexOf('┆ inatrace-be-test-fortaleza')).toBeGreaterThan(walked.indexOf('$ echo "salida-real-del-paso"'));
    expect(walked.indexOf('┆ inatrace-be-test-fortaleza')).toBeLessThan(walked.indexOf('simulación: no ejecutado'));
    expect(walked).toContain('Simulación terminada en');
    expect(walked).not.toContain('Ejecución correcta');
  }, 120_000);
});
