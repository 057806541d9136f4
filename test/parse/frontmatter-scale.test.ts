// 50,000 front matter keys lint correctly (and in linear time: the number is a row of
// `npm run bench`, never a clock in a test); duplicate keys are still an error where they are.
import { describe, expect, it } from 'vitest';
import { parse } from './helpers.js';

const doc = (lines: string[]) => `---\nid: K\ntitle: T\n${lines.join('\n')}\n---\n# T\n\n\`\`\`bash\ntrue\n\`\`\`\n`;

describe('front matter at scale', () => {
  it('50,000 unknown keys: one warning each, no error', () => {
    const { diagnostics } = parse(doc(Array.from({ length: 50_000 }, (_, i) => `k${i}: v`)));
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(diagnostics.filter((d) => d.rule === 'frontmatter-unknown-key')).toHaveLength(50_000);
  }, 120_000);

  it('a duplicate key (top level or nested) is a yaml-syntax error at the second one', () => {
    const top = parse(doc(['owner: a', 'owner: b'])).diagnostics.filter((d) => d.severity === 'error');
    expect(top.map((d) => [d.rule, d.line])).toEqual([['yaml-syntax', 5]]);
    const nested = parse(doc(['environments:', '  prod: { protected: true }', '  prod: { protected: false }'])).diagnostics.filter((d) => d.severity === 'error');
    expect(nested.map((d) => [d.rule, d.line])).toEqual([['yaml-syntax', 6]]);
  });
});
