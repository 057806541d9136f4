/** Step ids when the author writes none, and the duration syntax. */
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../engine/parse/duration.js';
import { IdAllocator, slugify } from '../../engine/parse/slug.js';
import { brief, fence, ids, parse } from './helpers.js';

describe('default step ids', () => {
  it('are the slug of the section heading, with -2, -3 for repeats', () => {
    const markdown = `# Parar el backend\n\n${fence('sh', 'a')}\n${fence('sh', 'b')}\n${fence('sh', 'c')}\n## Arrancar\n\n${fence('sh', 'd')}`;
    expect(ids(parse(markdown).runbook.steps)).toEqual(['parar-el-backend', 'parar-el-backend-2', 'parar-el-backend-3', 'arrancar']);
  });

  it('drop accents and punctuation', () => {
    const markdown = `# Restauración: ¿qué hacer? (paso 1)\n\n${fence('sh', 'a')}`;
    expect(ids(parse(markdown).runbook.steps)).toEqual(['restauracion-que-hacer-paso-1']);
  });

  it('two headings with the same text share the numbering', () => {
    const markdown = `## Configuración\n\n${fence('sh', 'a')}\n## Configuración\n\n${fence('sh', 'b')}`;
    expect(ids(parse(markdown).runbook.steps)).toEqual(['configuracion', 'configuracion-2']);
  });

  it('never take an id that an author wrote on a later step', () => {
    const markdown = `# Deploy\n\n${fence('sh', 'a')}\n${fence('sh { id=deploy }', 'b')}`;
    const { runbook, diagnostics } = parse(markdown);
    expect(ids(runbook.steps)).toEqual(['deploy-2', 'deploy']);
    expect(diagnostics).toEqual([]);
  });

  it('come from the file name or the runbook title before any heading', () => {
    expect(ids(parse(fence('sh', 'a'), '/x/reiniciar-nginx.md').runbook.steps)).toEqual(['reiniciar-nginx']);
  });

  it('a heading that is only punctuation gives `step`', () => {
    expect(ids(parse(`# ¡¿?!\n\n${fence('sh', 'a')}\n${fence('sh', 'b')}`).runbook.steps)).toEqual(['step', 'step-2']);
  });

  it('two explicit equal ids are a duplicate-id error at the second `id`', () => {
    const markdown = `# A\n\n${fence('sh { id=x }', 'a')}\n${fence('sh {"name":"x"}', 'b')}`;
    const { diagnostics } = parse(markdown);
    expect(brief(diagnostics)).toEqual(['7:8 error duplicate-id']);
    expect(diagnostics[0]?.message).toBe('Unexpected duplicate step id `x`, expected ids to be unique (first used on line 3)');
  });
});

describe('slugify and IdAllocator', () => {
  it('lower-cases, strips accents and joins words with single dashes', () => {
    expect(slugify('  Ñandú  Über--Straße! ')).toBe('nandu-uber-stra-e');
    expect(slugify('Avisar en #incidencias')).toBe('avisar-en-incidencias');
  });

  it('cuts long slugs at a word boundary', () => {
    const slug = slugify('Avisar en incidencias de que el servicio ha vuelto a funcionar con normalidad');
    expect(slug).toBe('avisar-en-incidencias-de-que-el-servicio-ha');
    expect(slug.length).toBeLessThanOrEqual(48);
  });

  it('hands out -2, -3 and skips reserved ids', () => {
    const ids = new IdAllocator();
    ids.reserve('a-2');
    expect([ids.allocate('a'), ids.allocate('a'), ids.allocate('a'), ids.allocate('')]).toEqual(['a', 'a-3', 'a-4', 'step']);
  });
});

describe('durations', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['1h 30m', 5_400_000],
    ['2d', 172_800_000],
    ['1.5s', 1500],
    ['90', 90_000],
    ['0', 0],
    ['5M', 300_000],
  ])('%s is %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', 'abc', '5x', 's', '-5s', '5 minutes'])('`%s` is not a duration', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('formats milliseconds for people', () => {
    expect([850, 5000, 65_000, 5_400_000].map(formatDuration)).toEqual(['850ms', '5.0s', '1m 05s', '1h 30m 00s']);
  });
});
