// Lint and a dry run are linear in the number of steps (issue 16, "Scale"), checked without a
// clock: the work is counted. Every scan of an array (`includes`, `find`, `filter`, `map`,
// `indexOf`, `some`…) counts the array's length, and every `Set`/`Map` lookup counts one, while
// the engine parses, builds the graph, lints and dry-runs a runbook of N and of 10 N steps. Work
// that grows with the steps so far (a scan per step) makes 10× the steps ≈ 100× the work; linear
// work is ≈ 10×. The Markdown tokenizer (micromark, linear, and the bulk of the count) is not
// counted, so what the engine itself does per step stands out. The wall-clock numbers are rows
// of `npm run bench`.
import { describe, expect, it, vi } from 'vitest';

type Scan = (...args: unknown[]) => unknown;
const SCANS = ['includes', 'indexOf', 'lastIndexOf', 'find', 'findIndex', 'findLast', 'findLastIndex', 'filter', 'some', 'every', 'map', 'forEach', 'reduce', 'flatMap', 'slice', 'join'] as const;
const arrayProto = Array.prototype as unknown as Record<string, Scan>;
const originals = new Map<string, Scan>(SCANS.map((name) => [name, arrayProto[name] as Scan]));
const lookups: [Record<string, Scan>, string][] = [
  [Set.prototype as unknown as Record<string, Scan>, 'has'],
  [Map.prototype as unknown as Record<string, Scan>, 'get'],
  [Map.prototype as unknown as Record<string, Scan>, 'has'],
];
const lookupOriginals = lookups.map(([proto, name]) => proto[name] as Scan);
let work = 0;
let counting = false;

function count(on: boolean): void {
  counting = on;
  for (const name of SCANS) {
    const original = originals.get(name) as Scan;
    arrayProto[name] = on
      ? function (this: unknown[], ...args: unknown[]) {
          work += this.length;
          return original.apply(this, args);
        }
      : original;
  }
  lookups.forEach(([proto, name], i) => {
    const original = lookupOriginals[i] as Scan;
    proto[name] = on
      ? function (this: unknown, ...args: unknown[]) {
          work += 1;
          return original.apply(this, args);
        }
      : original;
  });
}

// The tokenizer's own (linear) work is left out of the count.
vi.mock('../../engine/parse/markdown.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../engine/parse/markdown.js')>();
  return {
    parseMarkdown: (text: string) => {
      const was = counting;
      if (was) count(false);
      try {
        return real.parseMarkdown(text);
      } finally {
        if (was) count(true);
      }
    },
  };
});

const { analyzeSource } = await import('../../engine/catalog/load-runbook.js');
const { lintFiles } = await import('../../engine/lint.js');
const { playWith } = await import('../run/helpers.js');
const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
const { join } = await import('node:path');

/**
 * N steps with what makes per-step work grow when it is not indexed: the same heading every time
 * (ids get suffixes), one undefined variable and one placeholder in every command (inferred
 * params used by all steps), every step needing the first (many ready at once), context blocks
 * after steps, task-list items with the same text, and groups of alternative sections.
 */
function runbook(n: number): string {
  const parts = ['# Escala\n', '## Inicio\n\n```bash {id=inicio}\ntrue\n```\n'];
  for (let i = 0; i < n; i++) {
    if (i % 50 === 0) parts.push(`## Opción 1\n\n\`\`\`bash {needs=inicio}\necho "$DESTINO" a\n\`\`\`\n\n## Opción 2\n\n\`\`\`bash {needs=inicio}\necho "$DESTINO" b\n\`\`\`\n`);
    parts.push(`## Paso\n\n\`\`\`bash {needs=inicio}\necho "$DESTINO" <valor>\n\`\`\`\n`);
    if (i % 5 === 0) parts.push('```text\nlisto\n```\n\n- [ ] Revisar el panel\n');
  }
  return parts.join('\n');
}

async function workFor(n: number): Promise<{ work: number; steps: number }> {
  const text = runbook(n);
  const dir = mkdtempSync(join(tmpdir(), 'runbook-linear-'));
  try {
    const file = join(dir, 'escala.md');
    writeFileSync(file, text);
    work = 0;
    count(true);
    try {
      const loaded = await analyzeSource(text, file);
      const lint = await lintFiles([{ path: file, explicit: true }], { cwd: dir, strict: false, env: { PATH: process.env.PATH ?? '' } });
      expect(lint.errors).toBe(0);
      const played = await playWith({ markdown: text, options: { yes: true, mode: 'dry-run', paramPairs: ['DESTINO=x', 'VALOR=y'] } });
      expect(played.error).toBeUndefined();
      return { work, steps: loaded.runbook.steps.length };
    } finally {
      count(false);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('scale without a clock', () => {
  it('parse, graph, lint and a dry run do ≈ 10× the work for 10× the steps (not ≈ 100×)', async () => {
    const small = await workFor(300);
    const large = await workFor(3000);
    expect(large.steps / small.steps).toBeGreaterThan(9.5);
    const ratio = large.work / small.work;
    // Linear: ≈ 10 (a little more: longer ids and numbers). One scan per step over the steps so far: > 50.
    expect(ratio, `work ${small.work} → ${large.work}`).toBeLessThan(16);
  }, 600_000);
});
