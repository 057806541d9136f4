/** Compiled report templates kept in the cache: the same reports, no compile on a warm run, never a stale template. */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { textCache } from '../../engine/catalog/cache.js';
import { renderReport, type TextCache } from '../../engine/report/render.js';
import { loadReportModel } from '../../engine/report/write-reports.js';
import { fixtureRunDir } from '../fixtures/runs/runs.js';

const { model } = await loadReportModel(fixtureRunDir('rolled-back'), 'es');

/** A cache in memory that counts what it is asked. */
function counting(): TextCache & { reads: number; hits: number; writes: number; size(): number } {
  const texts = new Map<string, string>();
  return {
    reads: 0, hits: 0, writes: 0,
    read(key) {
      this.reads++;
      const text = texts.get(key);
      if (text !== undefined) this.hits++;
      return text;
    },
    write(key, text) {
      this.writes++;
      texts.set(key, text);
    },
    size: () => texts.size,
  };
}

describe('compiled report templates in the cache', () => {
  it('renders the same reports from a cached compile as without a cache, and compiles each template once', () => {
    const cache = counting();
    for (const format of ['md', 'html'] as const) {
      const plain = renderReport(model, format, { lang: 'es', timeZone: 'UTC' });
      expect(renderReport(model, format, { lang: 'es', timeZone: 'UTC', cache })).toBe(plain);
      expect(renderReport(model, format, { lang: 'es', timeZone: 'UTC', cache })).toBe(plain);
    }
    expect(cache).toMatchObject({ reads: 4, hits: 2, writes: 2 });
    // Each language's template is its own entry.
    renderReport(model, 'md', { lang: 'en', timeZone: 'UTC', cache });
    expect(cache.size()).toBe(3);
  });

  it('compiles an edited user template again instead of serving the old one', () => {
    const cache = counting();
    const template = join(mkdtempSync(join(tmpdir(), 'rb-tpl-')), 'mine.md.eta');
    writeFileSync(template, 'Runbook <%= it.t.id %>, first version\n');
    expect(renderReport(model, 'md', { lang: 'es', template, cache })).toMatch(/first version/);
    writeFileSync(template, 'Runbook <%= it.t.id %>, second version\n');
    expect(renderReport(model, 'md', { lang: 'es', template, cache })).toMatch(/second version/);
    expect(cache.writes).toBe(2);
  });

  it('keeps the compiled templates in the engine cache folder, and a broken entry is compiled again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rb-tpl-cache-'));
    const cache = (): TextCache => {
      const made = textCache(dir);
      if (!made) throw new Error('no cache');
      return made;
    };
    const plain = renderReport(model, 'html', { lang: 'en', timeZone: 'UTC' });
    expect(renderReport(model, 'html', { lang: 'en', timeZone: 'UTC', cache: cache() })).toBe(plain);
    const [folder] = readdirSync(dir);
    const [entry] = readdirSync(join(dir, folder ?? ''));
    writeFileSync(join(dir, folder ?? '', entry ?? ''), '{"text": 4');
    expect(renderReport(model, 'html', { lang: 'en', timeZone: 'UTC', cache: cache() })).toBe(plain);
  });
});
