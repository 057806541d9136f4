// Alternative sections in a real terminal (tmux): the operator picks the
// second option from the list; only its step runs, the journal says the
// first was not chosen.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeTerminals, startTerminal } from '../support/tmux.js';

const files = mkdtempSync(join(tmpdir(), 'runbook-alt-'));
afterAll(() => {
  closeTerminals();
  rmSync(files, { recursive: true, force: true });
});

const fence = (body: string) => `\`\`\`bash\n${body}\n\`\`\`\n`;

describe('alternatives in a real terminal', () => {
  it('the operator chooses “Opción B”: its step runs, “Opción A” is journaled as not chosen', async () => {
    const chosen = join(files, 'elegida.txt');
    const file = join(files, 'alternativas.md');
    writeFileSync(file, `# Cola atascada\n\n## Comprobar\n\n${fence('echo comprobado')}\n## Opción A: reiniciar\n\n${fence(`echo a >> ${chosen}`)}\n## Opción B: vaciar la cola\n\n${fence(`echo b >> ${chosen}`)}\n## Cerrar\n\n${fence('echo cerrado')}`);
    const term = startTerminal('alt', `play ${file} --lang en`);
    await term.waitFor('1/4 comprobar');
    term.keys('Enter'); // Run
    await term.waitFor('Which one do you follow?');
    term.keys('Down', 'Enter'); // the second option
    await term.waitFor('alternatives: “Opción B: vaciar la cola” runs; not run: “Opción A: reiniciar”');
    await term.waitFor('3/4 opcion-b-vaciar-la-cola');
    term.keys('Enter'); // Run
    await term.waitFor('4/4 cerrar');
    term.keys('Enter'); // Run
    const final = await term.waitFor('EXIT=');
    expect(final).toContain('EXIT=0');
    expect(readFileSync(chosen, 'utf8')).toBe('b\n');
    const runs = join(term.dir, 'state', 'runs');
    const journal = readFileSync(join(runs, readdirSync(runs)[0] ?? '', 'journal.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(journal.find((e) => e.type === 'step-finished' && e.step === 'opcion-a-reiniciar')).toMatchObject({ status: 'skipped', reason: { key: 'reason.alternativeNotChosen' } });
    expect(journal.find((e) => e.type === 'decision' && e.choice === 'alternative')).toMatchObject({ automatic: false, reason: { data: { option: 1 } } });
  });
});
