// Manual-step ids are short (issue #19): the slug of the task text cut at a word boundary to at
// most 32 characters, unique; the id of before (48 characters) is kept as `legacyId`, and a
// reference that still uses it is read as the step, with an info diagnostic.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../engine/parse/parse-runbook.js';
import { ROOT, runCli, tempDir } from '../lint/run-cli.js';
import { manuals, parse } from './helpers.js';

const md = `---\nid: IDS\n---\n# Ids\n\n## Avisar\n\n- [ ] Avisar a los usuarios de la interrupción del servicio\n- [ ] Avisar a los usuarios de la interrupción del servicio por correo\n- [ ] Revisar\n\n## Seguir\n\n\`\`\`bash { needs=avisar-a-los-usuarios-de-la-interrupcion-del-2 }\necho sigue\n\`\`\`\n`;

describe('manual-step ids', () => {
  it('are cut at a word boundary to 32 characters, unique, and remember the id they had before', () => {
    const { runbook, diagnostics } = parse(md);
    const steps = manuals(runbook);
    expect(steps.map((s) => [s.id, s.legacyId])).toEqual([
      ['avisar-a-los-usuarios-de-la', 'avisar-a-los-usuarios-de-la-interrupcion-del'],
      ['avisar-a-los-usuarios-de-la-2', 'avisar-a-los-usuarios-de-la-interrupcion-del-2'],
      ['revisar', undefined],
    ]);
    // The old id in `needs` is read as the step, and lint says so (info).
    expect(runbook.steps.find((s) => s.kind === 'command')?.needs).toEqual(['avisar-a-los-usuarios-de-la-2']);
    expect(diagnostics.map((d) => `${d.line} ${d.severity} ${d.rule}`)).toEqual(['14 info legacy-id']);
    expect(diagnostics[0]?.message).toContain('`needs=avisar-a-los-usuarios-de-la-2`');
  });

  it('lint --strict passes a runbook that still uses an old id, and says which id to write', () => {
    const file = join(tempDir('runbook-ids-'), 'ids.md');
    writeFileSync(file, md);
    const r = runCli(['lint', file, '--strict']);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/ids\.md:14:\d+ +info +legacy-id +Unexpected `needs=avisar-a-los-usuarios-de-la-interrupcion-del-2`, .* expected `needs=avisar-a-los-usuarios-de-la-2`/);
  });

  it('no shipped runbook has a manual-step id over 32 characters, nor names a step by an old id', () => {
    const dir = join(ROOT, 'runbooks');
    const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.md') && !f.endsWith('README.md'));
    let manual = 0;
    for (const f of files) {
      const { runbook, diagnostics } = parseRunbook(readFileSync(join(dir, f), 'utf8'), f);
      for (const s of runbook.steps.filter((x) => x.kind === 'manual')) {
        manual++;
        expect(s.id.length, `${f}: ${s.id}`).toBeLessThanOrEqual(32);
      }
      expect(diagnostics.filter((d) => d.rule === 'legacy-id'), f).toEqual([]);
    }
    expect(manual).toBeGreaterThan(200);
  });
});
