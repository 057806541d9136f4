// Inferred params, attended: asked (non-empty) right before the first step
// that needs them, journaled as `param` events, never asked again on resume;
// under --yes they are still settled before anything runs.
import { describe, expect, it } from 'vitest';
import { playWith } from '../run/helpers.js';

const md = `# Pods\n\n## Ver\n\n\`\`\`bash\necho inicio\n\`\`\`\n\n## Pods\n\n\`\`\`bash\nkubectl get pods -n <namespace>\n\`\`\`\n\n## Logs\n\n\`\`\`bash\nkubectl logs <pod name> -n <namespace>\n\`\`\`\n`;

describe('inferred params asked lazily', () => {
  it('each is asked before the first step that uses it, once, and journaled', async () => {
    const { asked, events, error, requests } = await playWith({ markdown: md, answers: ['run', 'pagos', 'run', 'api-1', 'run'] });
    expect(error).toBeUndefined();
    expect(asked).toHaveLength(5);
    expect(asked.filter((q) => /^(NAMESPACE|POD_NAME)/.test(q))).toHaveLength(2);
    expect(asked[1]).toMatch(/^NAMESPACE/);
    expect(asked[3]).toMatch(/^POD_NAME/);
    expect(events.filter((e) => e.type === 'param')).toMatchObject([{ name: 'NAMESPACE', value: 'pagos', step: 'pods' }, { name: 'POD_NAME', value: 'api-1', step: 'logs' }]);
    expect(events.find((e) => e.type === 'run-started')).toMatchObject({ params: {} });
    expect(requests[2]?.env).toMatchObject({ NAMESPACE: 'pagos', POD_NAME: 'api-1' });
  });

  it('an empty answer is refused', async () => {
    const { error } = await playWith({ markdown: md, answers: ['run', ''] });
    expect(String(error)).toContain('rejected: param NAMESPACE is required');
  });

  it('a value given with -p is not asked; under --yes a missing one stops the run before any step', async () => {
    const given = await playWith({ markdown: md, answers: ['run', 'run', 'api-1', 'run'], options: { paramPairs: ['NAMESPACE=pagos'] } });
    expect(given.error).toBeUndefined();
    expect(given.asked.filter((q) => q.startsWith('NAMESPACE'))).toEqual([]);
    const yes = await playWith({ markdown: md, options: { yes: true, paramPairs: ['NAMESPACE=pagos'] } });
    expect(String(yes.error)).toContain('POD_NAME');
    expect(yes.ran).toEqual([]);
  });
});
