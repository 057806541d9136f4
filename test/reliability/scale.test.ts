// Scale, for correctness only (the timing is a row of `npm run bench`): a
// huge expect diff is bounded in the journal and whole in the step log.
import { describe, expect, it } from 'vitest';
import { boundDiff, DIFF_MAX_BYTES, DIFF_MAX_LINES } from '../../engine/run/expect.js';
import { world } from './cli.js';

describe('expect diffs', () => {
  it('boundDiff keeps at most 200 lines and 16 KiB, and says how many lines it left out', () => {
    const diff = Array.from({ length: 5000 }, (_, i) => `+line ${i}`).join('\n');
    const bounded = boundDiff(diff);
    expect(bounded.split('\n').length).toBeLessThanOrEqual(DIFF_MAX_LINES + 2);
    expect(Buffer.byteLength(bounded)).toBeLessThanOrEqual(DIFF_MAX_BYTES + 100);
    expect(bounded).toContain(`[… ${5000 - DIFF_MAX_LINES} lines omitted …]`);
    const wide = Array.from({ length: 100 }, () => `+${'x'.repeat(1000)}`).join('\n');
    expect(Buffer.byteLength(boundDiff(wide))).toBeLessThanOrEqual(DIFF_MAX_BYTES + 100);
    expect(boundDiff('+a\n-b\n')).toBe('+a\n-b\n');
  });

  it('a 30,000-line mismatch: the journal keeps a bounded diff, the step log has all of it', () => {
    const w = world();
    try {
      const file = w.file('diff.md', '---\nid: BIGDIFF\n---\n# Diff\n\n## Muchas\n\n```bash\nseq 1 30000\n```\n\n```text {expect}\nnada\n```\n');
      const r = w.run(['play', file, '--yes']);
      expect(r.code).toBe(1);
      const finished = w.journalOf('BIGDIFF').find((e) => e.type === 'step-finished');
      const diff = typeof finished?.expectDiff === 'string' ? finished.expectDiff : JSON.stringify(finished ?? r.stdout.slice(-2000));
      expect(diff).toContain('lines omitted');
      expect(Buffer.byteLength(diff)).toBeLessThanOrEqual(DIFF_MAX_BYTES + 100);
      const log = w.stateFiles().find((f) => f.path.endsWith('.log'))?.text ?? '';
      expect(log).toContain('+30000\n');
      expect(log).toContain('-nada');
    } finally {
      w.cleanup();
    }
  });
});
