// Names that are built-in properties of JavaScript objects never pass as data,
// and YAML merge keys work as YAML defines them (an environment merged from a
// protected one is protected).
import { describe, expect, it } from 'vitest';
import { resolveParams } from '../../engine/run/preflight/params.js';
import { createTranslator } from '../../engine/i18n/translate.js';
import { parse } from '../parse/helpers.js';
import { world } from './cli.js';

const RESERVED = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
const t = createTranslator('en');

describe('hostile names', () => {
  it.each(RESERVED)('--env %s is an unknown environment, never an unprotected one with no vars', (name) => {
    const w = world();
    try {
      const file = w.file('envs.md', '---\nid: ENVS\ntitle: T\nenvironments:\n  prod: { protected: true }\n---\n# T\n\n```bash\ntrue\n```\n');
      const r = w.run(['play', file, '--yes', '--env', name]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`unknown environment "${name}"`);
    } finally {
      w.cleanup();
    }
  });

  it.each(RESERVED)('an environment or param named %s is a lint error', (name) => {
    const { diagnostics } = parse(`---\nid: R\ntitle: T\nenvironments:\n  "${name}": { protected: false }\nparams:\n  "${name}": { default: x }\n---\n# T\n\n\`\`\`bash\ntrue\n\`\`\`\n`, 'r.md');
    const reserved = diagnostics.filter((d) => d.messageId === 'name-reserved');
    expect(reserved.map((d) => d.data.kind)).toEqual(['environment', 'param']);
    expect(reserved.every((d) => d.severity === 'error')).toBe(true);
  });

  it.each(RESERVED)('-p %s=x is an unknown param, never dropped or read from the prototype', async (name) => {
    await expect(resolveParams({ X: { required: false, secret: false } }, { pairs: [`${name}=1`], env: {}, cwd: '.', yes: true, dryRun: false, t })).rejects.toThrow(/unknown param/);
  });
});

describe('YAML merge keys', () => {
  it('<<: *prod merges the anchored environment: the merged one is protected, its own keys win', () => {
    const { runbook, diagnostics } = parse('---\nid: M\ntitle: T\nenvironments:\n  prod: &prod\n    protected: true\n    vars: { A: "1" }\n  prod2:\n    <<: *prod\n    vars: { A: "2" }\n---\n# T\n\n```bash\ntrue\n```\n', 'm.md');
    expect(diagnostics).toEqual([]);
    expect(runbook.frontMatter.environments.prod2).toMatchObject({ protected: true, vars: { A: '2' } });
  });
});
