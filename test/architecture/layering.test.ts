// The stages only look down: the lint configuration refuses an import of a
// higher stage from a lower one, and the engine as it is passes it.
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: ROOT });

async function layeringErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering', () => {
  it.each([
    ['engine/parse/slug.ts', "import { MASK } from '../run/mask.js';\nexport const x = MASK;\n"],
    ['engine/journal/fold.ts', "import type { RunContext } from '../run/context.js';\nexport type X = RunContext;\n"],
    ['engine/report/model.ts', "import { play } from '../run/start.js';\nexport const x = play;\n"],
    ['engine/run/context.ts', "import { main } from '../cli/main.js';\nexport const x = main;\n"],
    ['engine/diagnostics.ts', "import { lintFiles } from './lint.js';\nexport const x = lintFiles;\n"],
  ])('refuses what %s must not import', async (file, code) => {
    expect(await layeringErrors(file, code)).toHaveLength(1);
  }, 180_000);

  it.each([
    ['engine/report/model.ts', "import { foldEvents } from '../journal/fold.js';\nexport const x = foldEvents;\n"],
    ['engine/run/context.ts', "import type { Journal } from '../journal/write.js';\nexport type X = Journal;\n"],
  ])('allows what %s may import', async (file, code) => {
    expect(await layeringErrors(file, code)).toEqual([]);
  }, 180_000);
});
