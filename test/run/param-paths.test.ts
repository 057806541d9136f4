// Params that say they are paths are checked before the run starts: `path: exists` and `path: parent`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTranslator } from '../../engine/i18n/translate.js';
import type { ParamSpec } from '../../engine/model.js';
import { resolveParams } from '../../engine/run/preflight/params.js';

const dir = mkdtempSync(join(tmpdir(), 'runbook-param-paths-'));
writeFileSync(join(dir, 'copia.dump'), 'x');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const spec = (path: 'exists' | 'parent'): Record<string, ParamSpec> => ({ FILE: { required: true, secret: false, path } });
const resolve = (path: 'exists' | 'parent', value: string, dryRun = false) => resolveParams(spec(path), { pairs: [`FILE=${value}`], env: {}, cwd: dir, yes: true, dryRun, t: createTranslator('en') });

describe('path params', () => {
  it('exists: the file must be there (relative to where runbook runs)', async () => {
    expect((await resolve('exists', 'copia.dump')).values.get('FILE')).toBe('copia.dump');
    await expect(resolve('exists', 'otra.dump')).rejects.toMatchObject({ name: 'UsageError' });
    await expect(resolve('exists', 'otra.dump')).rejects.toThrow(`param FILE: ${join(dir, 'otra.dump')} does not exist`);
  });

  it('parent: the folder it goes in must be there', async () => {
    expect((await resolve('parent', 'nueva.dump')).values.get('FILE')).toBe('nueva.dump');
    await expect(resolve('parent', 'no/hay/nueva.dump')).rejects.toThrow(`param FILE: the folder ${join(dir, 'no', 'hay')} does not exist`);
  });

  it('is not checked in a dry run (nothing is touched, the file may come later)', async () => {
    expect((await resolve('exists', 'otra.dump', true)).values.get('FILE')).toBe('otra.dump');
  });
});
