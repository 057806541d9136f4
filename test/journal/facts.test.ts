// The journal is a record of facts: a run played in one language and reported in
// the other shows no engine sentence of the first; captures arrive byte for byte;
// --yes journals the choices it takes; typed confirmations leave a trace; the
// report lists captured values (secret ones masked).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reasonsEn } from '../../engine/i18n/reasons.en.js';
import { reasonsEs } from '../../engine/i18n/reasons.es.js';
import { world } from '../reliability/cli.js';

const w = world();
afterAll(() => w.cleanup());

/** The fixed words of a catalog message (what is left when its placeholders are taken out), long enough to be telling. */
function phrases(catalog: Record<string, string>): string[] {
  return Object.entries(catalog)
    .filter(([key]) => key.startsWith('reason.') && key !== 'reason.legacy')
    .flatMap(([, text]) => text.split(/\{\{\w+\}\}/))
    .map((s) => s.trim())
    .filter((s) => s.length >= 12);
}

const runDirOf = (stdout: string) => /runs\/([^/\s]+)\//.exec(stdout)?.[1] ?? '';

describe('a run played in one language, reported in the other', () => {
  const md = `---\nid: LANG-1\nlang: es\n---\n# Idiomas\n\n## Uno\n\n\`\`\`bash { id=uno }\necho uno\n\`\`\`\n\n## Dos\n\n\`\`\`bash { id=dos if="false" }\necho dos\n\`\`\`\n\n\`\`\`bash { id=tres continue-on-error }\nexit 3\n\`\`\`\n\n- [ ] Avisar al equipo\n\n## Cuatro\n\n\`\`\`bash { id=cuatro destructive }\nexit 4\n\`\`\`\n\n## Deshacer\n\n\`\`\`bash { id=deshacer rollback }\necho deshecho\n\`\`\`\n`;
  it('has no engine-generated Spanish in the English report, nor English in the Spanish one, and no sentence in the journal', () => {
    const file = w.file('lang.md', md);
    const played = w.run(['play', file, '--yes', '--allow-destructive', '--lang', 'es', '--from', 'dos']);
    expect(played.code, played.stdout + played.stderr).toBe(1);
    const events = w.journalOf('LANG-1');
    const runId = String(events[0]?.runId);
    const journalText = readFileSync(join(w.dir, 'state', 'runs', runId, 'journal.jsonl'), 'utf8');
    for (const phrase of [...phrases(reasonsEs), ...phrases(reasonsEn)]) expect(journalText, phrase).not.toContain(phrase);
    const keys = events.flatMap((e) => (e.reason && typeof e.reason === 'object' ? [(e.reason as { key: string }).key] : []));
    expect(keys).toEqual(expect.arrayContaining(['reason.notSelected', 'reason.conditionFalse', 'reason.manualNotConfirmed', 'reason.rolledBack']));
    const en = w.run(['report', runId, '--lang', 'en', '--format', 'md']);
    const es = w.run(['report', runId, '--lang', 'es', '--format', 'md']);
    expect(en.code).toBe(0);
    for (const phrase of phrases(reasonsEs)) expect(en.stdout, phrase).not.toContain(phrase);
    for (const phrase of phrases(reasonsEn)) expect(es.stdout, phrase).not.toContain(phrase);
    expect(en.stdout).toContain('not selected (--from/--only/--until)');
    expect(es.stdout).toContain('no seleccionado (--from/--only/--until)');
    const json = JSON.parse(w.run(['report', runId, '--lang', 'en', '--format', 'json']).stdout) as { reasonId: string; reason: string; steps: { id: string; reasonId?: string; data?: Record<string, unknown>; reason?: string }[] };
    expect(json).toMatchObject({ reasonId: 'reason.rolledBack', reason: 'the rollback path completed' });
    expect(json.steps.find((s) => s.id === 'dos')).toMatchObject({ reasonId: 'reason.conditionFalse', data: { condition: 'false' }, reason: 'skipped: condition is false (false)' });
  });
});

describe('captures', () => {
  it('a 120 KB capture of multi-byte characters reaches the next step byte for byte', () => {
    const out = join(w.dir, 'capture.out');
    const expected = join(w.dir, 'capture.expected');
    const file = w.file('euro.md', `# Euros\n\n\`\`\`bash { id=make capture=EUROS }\nfor i in $(seq 40000); do printf '€'; done\n\`\`\`\n\n\`\`\`bash { id=use }\nprintf '%s' "$EUROS" > "${out}"\nfor i in $(seq 40000); do printf '€'; done > "${expected}"\n\`\`\`\n`);
    const r = w.run(['play', file, '--yes']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const got = readFileSync(out);
    expect(got.length).toBe(120_000);
    expect(got.equals(readFileSync(expected))).toBe(true);
    expect(got.toString('utf8')).not.toContain('\uFFFD');
  });

  it('the report lists captured values, a secret one masked', () => {
    w.file('token.txt', 'tok-muy-secreto-42\n');
    const file = w.file('cap.md', `---\nid: CAP-1\n---\n# Capturas\n\n\`\`\`bash { id=version capture=VERSION }\necho 1.4.2\n\`\`\`\n\n\`\`\`bash { id=token capture=TOKEN secret }\ncat token.txt\n\`\`\`\n`);
    const r = w.run(['play', file, '--yes']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const runId = String(w.journalOf('CAP-1')[0]?.runId);
    const report = readFileSync(join(w.dir, 'state', 'runs', runId, 'report.md'), 'utf8');
    expect(report).toContain('## Captured values');
    expect(report).toMatch(/\| version \| `VERSION` \| `1\.4\.2` \|/);
    expect(report).toMatch(/\| token \| `TOKEN` \| `••••••` \(secret\) \|/);
    expect(report).not.toContain('tok-muy-secreto-42');
    expect(runDirOf(r.stdout)).toBe(runId);
  });
});
