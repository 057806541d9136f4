// Markdown safety helpers: fences no content can close, code spans, inline text, table cells.
import { describe, expect, it } from 'vitest';
import { cell, codeSpan, fence, fenced, inline } from '../../engine/report/markdown.js';

describe('Markdown helpers', () => {
  it('makes a fence longer than the longest backtick run', () => {
    expect(fence('plain')).toBe('```');
    expect(fence('a ``` b')).toBe('````');
    expect(fenced('x\n`````\ny\n', 'text')).toBe('``````text\nx\n`````\ny\n``````');
  });

  it('makes a code span that backticks inside cannot close, on one line', () => {
    expect(codeSpan('ls -l')).toBe('`ls -l`');
    expect(codeSpan('echo `date`')).toBe('`` echo `date` ``');
    expect(codeSpan('`x`')).toBe('`` `x` ``');
    expect(codeSpan('a\nb')).toBe('`a b`');
  });

  it('escapes inline text so it cannot start markup or raw HTML', () => {
    expect(inline('<b>*hi*</b> [x](y) a|b ~z~ &amp;')).toBe('\\<b\\>\\*hi\\*\\</b\\> \\[x\\](y) a\\|b \\~z\\~ \\&amp;');
    expect(inline('JWT_SECRET and _emphasis_')).toBe('JWT_SECRET and \\_emphasis\\_');
    expect(inline('one\ntwo')).toBe('one two');
  });

  it('escapes pipes in table cells once, even inside code spans', () => {
    expect(cell('`a | b`')).toBe('`a \\| b`');
    expect(cell(inline('a|b'))).toBe('a\\|b');
  });
});
