// Rollback sections in runbooks written for people: steps under a
// rollback/revert/undo/"marcha atrás" heading form the rollback path, only
// when the runbook marks nothing rollback, destructive or on-failure.
import { describe, expect, it } from 'vitest';
import { analyzeSource } from '../../engine/catalog/load-runbook.js';
import { createTranslator } from '../../engine/i18n/translate.js';
import type { Step } from '../../engine/model.js';
import { isRollbackTitle } from '../../engine/parse/sections.js';
import { stepTraits } from '../../engine/run/operator/step-traits.js';

const fence = (info: string, body: string) => `\`\`\`${info}\n${body}\n\`\`\`\n`;

describe('rollback sections', () => {
  it('headings that name a way back', () => {
    expect(['Rollback', '5. Roll back the release', 'Revert', 'Undo the change', 'Marcha atrás', 'Cómo revertir', 'Deshacer'].map(isRollbackTitle)).toEqual([true, true, true, true, true, true, true]);
    expect(['Rolling update', 'Backup', 'Undoubtedly', 'Marcha', 'Reversa'].map(isRollbackTitle)).toEqual([false, false, false, false, false]);
  });

  it('steps under such a heading and its subheadings leave the flow and form the rollback path, with an info diagnostic', async () => {
    const md = `# Despliegue\n\n## Desplegar\n\n${fence('bash', 'kubectl apply -f app.yaml')}\n## Marcha atrás\n\n${fence('bash', 'kubectl rollout undo deploy/app')}\n### Verificar\n\n${fence('bash', 'kubectl get pods')}\n## Fin\n\n${fence('bash', 'echo listo')}`;
    const loaded = await analyzeSource(md, '/tmp/despliegue.md');
    expect(loaded.graph.flow).toHaveLength(2);
    expect(loaded.graph.rollback).toHaveLength(2);
    expect(loaded.diagnostics.filter((d) => d.rule === 'rollback-section-inferred').map((d) => `${d.line} ${d.severity}`)).toEqual(['11 info', '17 info']);
    // `show` (and play) say why each is on the rollback path.
    const t = createTranslator('en');
    expect(loaded.graph.rollback.map((id) => stepTraits(loaded.runbook.steps.find((s) => s.id === id) as Step, t)[0])).toEqual(['rollback: under the heading “Marcha atrás”', 'rollback: under the heading “Marcha atrás”']);
  });

  it('a runbook that uses rollback, destructive or on-failure is read as written', async () => {
    for (const attr of ['{ rollback }', '{ destructive }', '{ on-failure=fin }']) {
      const md = `# D\n\n## Uno\n\n${fence(`bash ${attr}`, 'echo uno')}\n## Rollback\n\n${fence('bash', 'echo atras')}\n## Fin\n\n${fence('bash { id=fin }', 'echo fin')}`;
      const loaded = await analyzeSource(md, '/tmp/d.md');
      expect(loaded.diagnostics.some((d) => d.rule === 'rollback-section-inferred'), attr).toBe(false);
      expect(loaded.graph.rollback.includes('rollback'), attr).toBe(false);
    }
  });
});
