/** Finding runbooks (issue 14, part 8): READMEs with steps, documentation pages, `list --dir`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../engine/catalog/catalog.js';
import { lintFiles } from '../../engine/lint.js';
import { removeTempDirs, tempDir } from '../lint/run-cli.js';

afterAll(removeTempDirs);

function site(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'docs'));
  writeFileSync(join(dir, 'README.md'), '# Reiniciar\n\n```bash\nsystemctl restart web\n```\n');
  writeFileSync(join(dir, 'docs', 'README.md'), '# Documentación\n\nSolo texto.\n');
  writeFileSync(join(dir, 'docs', 'intro.md'), '---\ntitle: Introducción\nsidebar_position: 1\n---\n\n# Introducción\n');
  writeFileSync(join(dir, 'docs', 'faq.md'), '---\ntitle: Preguntas\ntags: [faq]\n---\n\n# Preguntas\n');
  writeFileSync(join(dir, 'docs', 'rb.md'), '---\nid: RB-X\n---\n\n# Sin pasos aún\n');
  return dir;
}

describe('finding runbooks in a folder', () => {
  it('a README.md with steps is a runbook; pages with front matter but no steps and no runbook key are not', async () => {
    const dir = site();
    const catalog = await loadCatalog([{ path: dir, origin: 'dir' }], dir);
    expect(catalog.entries.map((e) => e.display).sort()).toEqual(['README.md', 'docs/rb.md']);
  });

  it('lint says why once per folder', async () => {
    const dir = site();
    const files = ['README.md', 'docs/README.md', 'docs/faq.md', 'docs/intro.md', 'docs/rb.md'].map((f) => ({ path: join(dir, f), explicit: false }));
    const result = await lintFiles(files, { cwd: dir, strict: true });
    expect(result.diagnostics.filter((d) => d.rule === 'pages-skipped').map((d) => `${d.file} ${d.severity} ${d.message}`)).toEqual([
      'docs/faq.md info Unexpected 2 file(s) with front matter but no steps and no runbook keys (faq.md, intro.md), expected a runbook: not listed',
    ]);
    expect(result.files).toBe(2);
  });
});
