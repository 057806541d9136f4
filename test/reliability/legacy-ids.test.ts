// A run started before manual-step ids were shortened (its journal has no `idRule`, its manual
// step is `avisar-a-los-usuarios-de-la-interrupcion-del`) resumes with the same steps: done ones
// stay done, the long-id manual step still to come is played under its old id, and the report
// names it once (issue #19). Fixture: test/fixtures/runs/legacy-ids (README there).
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, world, type World } from './cli.js';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'runs', 'legacy-ids');
const RUN = '20261201T151947Z-leg-01-2370b7adcb66190f3547a483';
const OLD = 'avisar-a-los-usuarios-de-la-interrupcion-del';

let w: World | undefined;
afterEach(() => w?.cleanup());

/** The fixture in a fresh state directory, its runbook where the journal says, the step's process long gone. */
function oldRun(): { w: World; journal: string } {
  w = world();
  const file = w.file('LEG-01.md', readFileSync(join(FIXTURE, 'LEG-01.md'), 'utf8'));
  writeFileSync(join(w.dir, 'pasos.txt'), 'uno\n'); // what `anotar` wrote before the engine was killed
  const dir = join(w.env.RUNBOOK_STATE_DIR as string, 'runs', RUN);
  cpSync(join(FIXTURE, 'state', 'runs', RUN), dir, { recursive: true });
  mkdirSync(join(dir, 'steps'), { recursive: true });
  const journal = join(dir, 'journal.jsonl');
  const text = readFileSync(journal, 'utf8')
    .replaceAll('/tmp/leg/work/LEG-01.md', file)
    .replace(/"pid":\d+,"pgid":\d+/g, '"pid":99999999,"pgid":99999999'); // no process can have it (pid_max is far lower)
  expect(text).not.toContain('"idRule"');
  writeFileSync(journal, text);
  return { w, journal };
}

describe('resume of a journal with the long manual-step ids of before', () => {
  it('plays the same steps under the same ids; the report and the log name them as the journal does', () => {
    const { w, journal } = oldRun();
    // `esperar` was running when the engine died: resume --yes runs it again, with a `sleep` that does not wait.
    const bin = join(w.dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'sleep'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const r = w.run(['resume', RUN, '--yes'], { PATH: `${bin}:${process.env.PATH ?? ''}` });
    expect(r.code, `${r.stdout}${r.stderr}`).toBe(0);
    expect(readFileSync(join(w.dir, 'pasos.txt'), 'utf8')).toBe('uno\ndos\n'); // `anotar` not re-run, `terminar` ran
    const events = readFileSync(journal, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; step?: string; status?: string });
    const finished = events.filter((e) => e.type === 'step-finished').map((e) => `${e.step}:${e.status}`);
    expect(finished).toEqual(['anotar:succeeded', 'esperar:succeeded', `${OLD}:not-confirmed`, 'terminar:succeeded']);
    expect(r.stdout).toContain(`▶ 3/4 ${OLD}`);
    expect(r.stdout).not.toContain('avisar-a-los-usuarios-de-la ');

    const report = w.run(['report', RUN, '--format', 'md', '--lang', 'en']);
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout.split('\n').filter((l) => l.includes(` | ${OLD} | flow | `))).toHaveLength(1); // one timeline row
    expect(report.stdout).toContain(`### ${OLD}`);
    expect(report.stdout).toContain('Manual step: Avisar a los usuarios de la interrupción del servicio por correo');
  });

  it('a new run of the same runbook uses the short id', () => {
    w = world();
    const file = w.file('LEG-01.md', readFileSync(join(FIXTURE, 'LEG-01.md'), 'utf8').replace('touch listo && sleep 300', 'true'));
    const r = w.run(['play', file, '--yes']);
    expect(r.code, r.stderr).toBe(0);
    const events = w.journalOf('LEG-01');
    expect(events[0]).toMatchObject({ type: 'run-started', idRule: 2 });
    expect(events.filter((e) => e.type === 'step-finished').map((e) => e.step)).toContain('avisar-a-los-usuarios-de-la');
    expect(readdirSync(join(w.env.RUNBOOK_STATE_DIR as string, 'runs'))).toHaveLength(1);
  });
});
