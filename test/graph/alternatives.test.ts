// Alternative sections (graph stage): consecutive sibling headings named as
// options ("Option 1/2", "Opción A/B", "Alternativa 1") form a group, only in
// runbooks that mark nothing rollback, destructive or on-failure.
import { describe, expect, it } from 'vitest';
import { isAlternativeTitle } from '../../engine/graph/alternatives.js';
import { analyzeSource } from '../../engine/catalog/load-runbook.js';

const fence = (body: string, info = 'bash') => `\`\`\`${info}\n${body}\n\`\`\`\n`;
const groupsOf = async (md: string) => {
  const loaded = await analyzeSource(md, '/tmp/alternativas.md');
  return { groups: loaded.graph.alternatives.map((g) => g.options.map((o) => `${o.title}: ${o.steps.join(',')}`)), loaded };
};

describe('alternative sections', () => {
  it('headings named as options: a name word, then a number or a single letter', () => {
    expect(['Option 1', 'Option 2 (use with caution)', 'Opción A', 'opción b: reiniciar', 'Alternativa 1', 'Alternative #2', 'Opcion C'].map(isAlternativeTitle)).toEqual([true, true, true, true, true, true, true]);
    expect(['Options', 'Option', 'Optional steps', 'Opciones de red', 'Option one', 'Alternatively restart', 'Paso 1'].map(isAlternativeTitle)).toEqual([false, false, false, false, false, false, false]);
  });

  it('consecutive siblings form a group; an option holds its subsections; the info diagnostic names them and the first', async () => {
    const md = `# Disco lleno\n\n## Comprobar\n\n${fence('df -h')}\n## Opción A: limpiar\n\n${fence('echo limpiar')}\n### Verificar\n\n${fence('echo verificar')}\n## Opción B (con cuidado)\n\n${fence('echo ampliar')}\n## Cerrar\n\n${fence('echo fin')}`;
    const { groups, loaded } = await groupsOf(md);
    expect(groups).toEqual([['Opción A: limpiar: opcion-a-limpiar,verificar', 'Opción B (con cuidado): opcion-b-con-cuidado']]);
    expect(loaded.graph.flow).toEqual(['comprobar', 'opcion-a-limpiar', 'verificar', 'opcion-b-con-cuidado', 'cerrar']);
    const info = loaded.diagnostics.filter((d) => d.rule === 'alternatives-inferred');
    expect(info.map((d) => `${d.line}:${d.column} ${d.severity}`)).toEqual(['9:1 info']);
    expect(info[0]?.message).toContain('“Opción A: limpiar / Opción B (con cuidado)”');
    expect(info[0]?.message).toContain('under --yes only “Opción A: limpiar” runs');
  });

  it('no group: a single option, options at different depths or not consecutive, a runbook written for this engine', async () => {
    const single = `# U\n\n## Option 1\n\n${fence('echo a')}\n## Otra cosa\n\n${fence('echo b')}`;
    const apart = `# U\n\n## Option 1\n\n${fence('echo a')}\n## Entre medias\n\n${fence('echo m')}\n## Option 2\n\n${fence('echo b')}`;
    const depths = `# U\n\n## Option 1\n\n${fence('echo a')}\n### Option 2\n\n${fence('echo b')}`;
    for (const md of [single, apart, depths]) expect((await groupsOf(md)).groups, md).toEqual([]);
    for (const attr of ['{ destructive }', '{ rollback }', '{ on-failure=b }']) {
      const md = `# N\n\n## Option 1\n\n${fence('echo a', `bash ${attr}`)}\n## Option 2\n\n${fence('echo b', 'bash { id=b }')}`;
      const { groups, loaded } = await groupsOf(md);
      expect(groups, attr).toEqual([]);
      expect(loaded.diagnostics.some((d) => d.rule === 'alternatives-inferred'), attr).toBe(false);
    }
  });

  it('two groups under different parents; an inferred rollback heading does not make the runbook native', async () => {
    const md = `# D\n\n## Arreglo rápido\n\n### Option 1\n\n${fence('echo 1a')}\n### Option 2\n\n${fence('echo 1b')}\n## Arreglo completo\n\n### Option A\n\n${fence('echo 2a')}\n### Option B\n\n${fence('echo 2b')}\n## Rollback\n\n${fence('echo atras')}`;
    const { groups, loaded } = await groupsOf(md);
    expect(groups.map((g) => g.map((o) => o.split(':')[0]))).toEqual([['Option 1', 'Option 2'], ['Option A', 'Option B']]);
    expect(loaded.graph.rollback).toEqual(['rollback']);
  });
});
