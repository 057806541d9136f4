import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderIndex } from '../render.mjs';

test('the page lists the pets, escaped', () => {
  const html = renderIndex({ title: 'Paw Paw', pets: [{ name: '<b>Michi</b>', species: 'gato' }] });
  assert.match(html, /<title>Paw Paw<\/title>/);
  assert.match(html, /&lt;b&gt;Michi&lt;\/b&gt; \(gato\)/);
});
