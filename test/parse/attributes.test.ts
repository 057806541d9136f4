/** The info-string scanner: both attribute syntaxes, quoting, and where each problem is. */
import { describe, expect, it } from 'vitest';
import { parseAttributes } from '../../engine/parse/attributes.js';
import { englishMessage } from '../../engine/diagnostics.js';
import type { AttributeProblem } from '../../engine/parse/attributes.js';

const english = (problems: AttributeProblem[]) => problems.map((p) => ({ ...p, message: englishMessage(p.message) }));

describe('parseAttributes: the `{ key=value flag }` form', () => {
  it('reads bare values and flags, with the offset of each key', () => {
    const parsed = parseAttributes('{ id=stop-backend destructive timeout=60s }');
    expect(parsed.attributes).toEqual({ id: 'stop-backend', destructive: true, timeout: '60s' });
    expect(parsed.offsets).toEqual({ id: 2, destructive: 18, timeout: 30 });
    expect(parsed.problems).toEqual([]);
  });

  it('accepts braces with no spaces inside', () => {
    expect(parseAttributes('{id=x}').attributes).toEqual({ id: 'x' });
  });

  it('keeps a comma-separated list in one bare value (`needs=a,b`)', () => {
    expect(parseAttributes('{ id=c needs=a,b destructive }').attributes).toEqual({ id: 'c', needs: 'a,b', destructive: true });
  });

  it('treats a comma followed by a space as a separator between attributes', () => {
    expect(parseAttributes('{ id=a, destructive, timeout=5s }').attributes).toEqual({ id: 'a', destructive: true, timeout: '5s' });
  });

  it('unescapes backslash escapes in double-quoted values', () => {
    const parsed = parseAttributes('{ if="test \\"$STATUS\\" != UP" id=x }');
    expect(parsed.attributes).toEqual({ if: 'test "$STATUS" != UP', id: 'x' });
    expect(parsed.problems).toEqual([]);
  });

  it('takes single-quoted values literally', () => {
    expect(parseAttributes("{ cwd='/srv/my app' if='test -n \"$X\"' }").attributes).toEqual({ cwd: '/srv/my app', if: 'test -n "$X"' });
  });

  it('returns nothing for an empty info string', () => {
    expect(parseAttributes('')).toEqual({ attributes: {}, offsets: {}, problems: [] });
    expect(parseAttributes(null)).toEqual({ attributes: {}, offsets: {}, problems: [] });
  });
});

describe("parseAttributes: Runme's JSON form", () => {
  it('reads strings, true flags and arrays, skipping false and null', () => {
    const parsed = parseAttributes('{"name":"stop-backend","interactive":true,"needs":["a","b"],"destructive":false,"cwd":null,"retry":3}');
    expect(parsed.attributes).toEqual({ name: 'stop-backend', interactive: true, needs: 'a,b', retry: '3' });
    expect(parsed.offsets.name).toBe(1);
    expect(parsed.problems).toEqual([]);
  });

  it('reports invalid JSON at the opening brace', () => {
    const parsed = parseAttributes('{"name": bad}');
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]).toMatchObject({ offset: 0, rule: 'attribute-syntax' });
    expect(englishMessage(parsed.problems[0]!.message)).toMatch(/^Unexpected JSON in attributes, expected a valid object/);
  });
});

describe('parseAttributes: problems', () => {
  it('ignores, with a warning, text that is not in braces', () => {
    expect(english(parseAttributes('  title').problems)).toEqual([
      { offset: 2, rule: 'fence-info-ignored', severity: 'warning', message: "Unexpected `title` after the fence's language, expected attributes in braces like `{ id=name }` (ignored: the block still runs)" },
    ]);
  });

  it('reports a missing closing brace at the end of the text', () => {
    expect(english(parseAttributes('{ id=a').problems)).toEqual([{ offset: 6, rule: 'attribute-syntax', severity: 'error', message: 'Unexpected end of attributes, expected `}`' }]);
  });

  it('reports text after the closing brace where it starts', () => {
    expect(english(parseAttributes('{id=b}  extra').problems)).toEqual([
      { offset: 8, rule: 'attribute-syntax', severity: 'error', message: 'Unexpected `extra` after `}`, expected the end of the info string' },
    ]);
  });

  it('reports an unclosed quote at the quote, keeping what was read', () => {
    const parsed = parseAttributes('{ if="test -n }');
    expect(english(parsed.problems)).toEqual([{ offset: 5, rule: 'attribute-syntax', severity: 'error', message: 'Unexpected end of attributes, expected a closing `"` for `if`' }]);
    expect(parsed.attributes.if).toBe('test -n ');
  });

  it('reports an `=` with no name before it', () => {
    expect(english(parseAttributes('{ =x id=y }').problems)).toEqual([{ offset: 2, rule: 'attribute-syntax', severity: 'error', message: 'Unexpected `=`, expected an attribute name' }]);
  });
});
