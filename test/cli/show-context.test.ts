// `runbook show` lists each context block where it stands (issue #19): under the step it follows,
// or under its section's heading when it comes before the first step; with the paragraph that
// introduces it and an example label; never all of a section's blocks at its top.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../lint/run-cli.js';

const samples = join(ROOT, 'test', 'fixtures', 'screen', 'samples.md');

describe('runbook show: context blocks in their place', () => {
  it('a block before the first step under the heading, a sample output under its step, with its paragraph', () => {
    const r = runCli(['show', samples, '--lang', 'es']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    const at = (text: string) => lines.findIndex((l) => l.includes(text));
    expect(lines.slice(at('§ Ver los contenedores'), at('§ Seguir'))).toEqual([
      '  § Ver los contenedores',
      '    Configuración de referencia:  [ejemplo (yaml)]',
      '    ┆ servicio: api',
      '    1. ver-los-contenedores',
      '       $ echo "salida-real-del-paso"',
      '       Salida esperada (ejemplo):  [ejemplo (text)]',
      '       ┆ inatrace-be-test-fortaleza   Up 2 hours',
      '',
    ]);
    expect(runCli(['show', samples, '--lang', 'en']).stdout).toContain('       Salida esperada (ejemplo):  [example (text)]\n');
  });
});
