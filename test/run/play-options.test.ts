// Dry run, conditions, retries, polling, captures, expectations, selection,
// params, environments and the destructive gate, through the run loop.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../engine/i18n/translate.js';
import { loadRun } from '../../engine/journal/load.js';
import { buildReportModel } from '../../engine/report/model.js';
import { renderReport } from '../../engine/report/render.js';
import { finished, playWith } from './helpers.js';

const fm = (extra: string) => `---\nid: OPT\ntitle: Opciones\n${extra}---\n# Opciones\n\n`;

describe('--dry-run', () => {
  it('executes nothing (not preconditions, not conditions), shows placeholders and sample output', async () => {
    const md = `${fm("params:\n  FILE: { required: true }\npreconditions:\n  - { name: existe, run: test -s \"$FILE\" }\n")}## Ver\n\n\`\`\`bash { if="test -n \\"$FILE\\"" }\ncat "$FILE"\n\`\`\`\n\n\`\`\`text {expect=contains}\nlisto\n\`\`\`\n`;
    const r = await playWith({ markdown: md, options: { mode: 'dry-run', yes: true } });
    expect(r.requests).toEqual([]);
    expect(r.screen).toContain('FILE=<FILE>');
    expect(r.screen).toContain('runs if: test -n "$FILE"');
    expect(r.screen).toContain('you would see:');
    expect(r.screen).toContain('│ listo');
    expect(finished(r.events)).toEqual(['ver:dry-run']);
    expect(r.events[0]).toMatchObject({ type: 'run-started', mode: 'dry-run' });
  });
});

describe('step attributes', () => {
  it('a false `if` skips the step and records why', async () => {
    const r = await playWith({ markdown: `${fm('')}## A\n\n\`\`\`bash { if="false-cond" }\nnunca\n\`\`\`\n`, options: { yes: true }, script: { 'false-cond': { code: 1 } } });
    expect(r.ran).toEqual(['false-cond']);
    expect(r.events.find((e) => e.type === 'step-finished')).toMatchObject({ status: 'skipped', reason: { key: 'reason.conditionFalse', data: { condition: 'false-cond' } } });
  });

  it('retry runs up to N more attempts; wait polls until success', async () => {
    const retry = await playWith({ markdown: `${fm('')}## A\n\n\`\`\`bash { retry=2 delay=0s }\ninestable\n\`\`\`\n`, options: { yes: true }, script: { inestable: [{ code: 1 }, { code: 1 }, { code: 0 }] } });
    expect(retry.ran).toHaveLength(3);
    expect(retry.summary?.status).toBe('succeeded');
    const wait = await playWith({ markdown: `${fm('')}## A\n\n\`\`\`bash { wait=1s interval=10ms }\nsalud\n\`\`\`\n`, options: { yes: true }, script: { salud: [{ code: 7 }, { code: 7 }, { code: 0 }] } });
    expect(wait.ran).toHaveLength(3);
    expect(wait.screen).toContain('not ready yet');
  });

  it('a `giveup` status ends a wait at that try and fails the step; other failures keep waiting', async () => {
    const md = `${fm('')}## A\n\n\`\`\`bash { wait=1h interval=10ms giveup=3,4 }\nsalud\n\`\`\`\n\n## B\n\n\`\`\`bash\ndespues\n\`\`\`\n`;
    const r = await playWith({ markdown: md, options: { yes: true }, script: { salud: [{ code: 7 }, { code: 4 }, { code: 0 }] } });
    expect(r.ran).toEqual(['salud', 'salud']);
    expect(r.summary?.status).toBe('failed');
    expect(r.events.find((e) => e.type === 'step-finished')).toMatchObject({ status: 'failed', exitCode: 4, reason: { key: 'reason.waitGaveUp', data: { count: 2, code: 4 } } });
    expect(r.screen).toContain('gave up after 2 checks: exit status 4 is one of its giveup statuses');
    const exhausted = await playWith({ markdown: md.replace('wait=1h', 'wait=15ms'), options: { yes: true }, script: { salud: [{ code: 7 }, { code: 7 }, { code: 7 }, { code: 7 }] } });
    expect(exhausted.events.find((e) => e.type === 'step-finished')).toMatchObject({ status: 'failed', reason: { key: 'reason.waitExhausted' } });
  });

  it('capture passes trimmed stdout to later steps; a secret capture is masked and not journaled', async () => {
    const md = `${fm('')}## A\n\n\`\`\`bash { capture=TAG }\nversion\n\`\`\`\n\n## B\n\n\`\`\`bash { capture=TOKEN secret }\ntoken\n\`\`\`\n\n## C\n\n\`\`\`bash\necho "$TAG $TOKEN"\n\`\`\`\n`;
    const r = await playWith({ markdown: md, options: { yes: true }, script: { version: { stdout: ' 1.4.0\n' }, token: { stdout: 'tok-very-secret\n' } } });
    expect(r.requests[2]?.env).toMatchObject({ TAG: '1.4.0', TOKEN: 'tok-very-secret' });
    expect(r.events.filter((e) => e.type === 'variable')).toEqual([expect.objectContaining({ name: 'TAG', value: '1.4.0' }), expect.not.objectContaining({ value: expect.anything() })]);
    expect(r.screen).toContain('TOKEN=••••••');
    expect(r.screen).not.toContain('tok-very-secret');
  });

  it('an expect mismatch fails the step and shows a unified diff', async () => {
    const md = `${fm('')}## A\n\n\`\`\`bash\nestado\n\`\`\`\n\n\`\`\`text {expect}\nUP\n\`\`\`\n`;
    const r = await playWith({ markdown: md, options: { yes: true }, script: { estado: { stdout: 'DOWN\n' } } });
    expect(r.summary?.status).toBe('failed');
    expect(r.screen).toContain('-UP');
    expect(r.screen).toContain('+DOWN');
  });

  it('continue-on-error goes on after a failure', async () => {
    const md = `${fm('')}## A\n\n\`\`\`bash { continue-on-error }\nfalla\n\`\`\`\n\n## B\n\n\`\`\`bash\nsigue\n\`\`\`\n`;
    const r = await playWith({ markdown: md, options: { yes: true }, script: { falla: { code: 4 } } });
    expect(r.ran).toEqual(['falla', 'sigue']);
  });
});

describe('selection, params, environments, gate', () => {
  const FOUR = `${fm('')}${['a', 'b', 'c', 'd'].map((s) => `## ${s}\n\n\`\`\`bash\npaso-${s}\n\`\`\`\n`).join('\n')}`;

  it('--from, --only and --until record the rest as skipped', async () => {
    const r = await playWith({ markdown: FOUR, options: { yes: true, selection: { from: 'b', until: 'c' } } });
    expect(r.ran).toEqual(['paso-b', 'paso-c']);
    expect(finished(r.events)).toEqual(['a:skipped', 'b:succeeded', 'c:succeeded', 'd:skipped']);
    const only = await playWith({ markdown: FOUR, options: { yes: true, selection: { only: ['d'] } } });
    expect(only.ran).toEqual(['paso-d']);
  });

  it('params: pattern checked, missing required listed at once, NUL refused, env var source used', async () => {
    const md = `${fm("params:\n  A: { required: true, pattern: '[0-9]+' }\n  B: { required: true }\n")}## S\n\n\`\`\`bash\nuse\n\`\`\`\n`;
    expect(((await playWith({ markdown: md, options: { yes: true } })).error as Error).message).toContain('missing required params: A, B');
    expect(((await playWith({ markdown: md, options: { yes: true, paramPairs: ['A=x1', 'B=y'] } })).error as Error).message).toContain('must match the pattern');
    expect(((await playWith({ markdown: md, options: { yes: true, paramPairs: ['A=1', 'B=a\0b'] } })).error as Error).message).toContain('NUL byte');
    const ok = await playWith({ markdown: md, options: { yes: true, paramPairs: ['A=12'], env: { PATH: process.env.PATH ?? '', RUNBOOK_PARAM_B: 'desde-env' } } });
    expect(ok.requests[0]?.env).toMatchObject({ A: '12', B: 'desde-env' });
  });

  it('--yes never picks a protected environment implicitly; the run dir is 0700 and the journal 0600', async () => {
    const md = `${fm('environments:\n  production: { protected: true }\n')}## S\n\n\`\`\`bash\nx\n\`\`\`\n`;
    expect(((await playWith({ markdown: md, options: { yes: true } })).error as Error).message).toContain('choose an environment with --env');
    // A protected environment under --yes needs its name typed ahead with --confirm-env; nothing runs without it.
    const unconfirmed = await playWith({ markdown: md, options: { yes: true, envName: 'production' } });
    expect(unconfirmed.error).toMatchObject({ name: 'FailedError', key: 'error.confirmEnvNeeded' });
    expect(unconfirmed.ran).toEqual([]);
    const wrong = await playWith({ markdown: md, options: { yes: true, envName: 'production', confirmEnv: 'staging' } });
    expect(wrong.error).toMatchObject({ key: 'error.confirmEnvWrong' });
    const r = await playWith({ markdown: md, options: { yes: true, envName: 'production', confirmEnv: 'production' } });
    expect(r.summary?.status).toBe('succeeded');
    expect(r.events.find((e) => e.type === 'decision')).toMatchObject({ choice: 'confirmed', automatic: true, text: 'production', reason: { key: 'reason.confirmEnv' } });
    const journal = join(r.summary?.runDir as string, 'journal.jsonl');
    expect(statSync(journal).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(journal)).mode & 0o777).toBe(0o700);
  });

  it('a destructive step in a protected environment runs only after its id is typed', async () => {
    const md = `${fm('environments:\n  production: { protected: true }\n')}## S\n\n\`\`\`bash { id=drop destructive }\nborrar\n\`\`\`\n`;
    const r = await playWith({ markdown: md, answers: ['run', 'sí', 'run', 'drop'], options: { envName: 'production' } });
    expect(r.ran).toEqual(['borrar']);
    expect(r.screen).toContain('That is not the step id nor the environment name');
    expect(r.asked.filter((q) => q.startsWith('Type the step id'))).toHaveLength(2);
    // Both answers are journaled: the refused one, then the accepted one, with what was typed.
    const typed = r.events.flatMap((e) => (e.type === 'decision' && (e.choice === 'confirmed' || e.choice === 'refused') ? [[e.choice, e.text, e.reason?.key]] : []));
    expect(typed).toEqual([
      ['refused', 'sí', 'reason.typedConfirmation'],
      ['confirmed', 'drop', 'reason.typedConfirmation'],
    ]);
    const runDir = join(r.dir, 'state', 'runs', readdirSync(join(r.dir, 'state', 'runs'))[0] ?? '');
    const report = renderReport(buildReportModel(await loadRun(runDir), createTranslator('en')), 'md', { lang: 'en', timeZone: 'UTC' });
    expect(report).toMatch(/\| drop \| typed confirmation refused \| sí \|/);
    expect(report).toMatch(/\| drop \| typed the confirmation \| drop \|/);
  });

  it('a failing error precondition stops the run before any step', async () => {
    const md = `${fm('preconditions:\n  - { name: disco, run: hay-disco }\n')}## S\n\n\`\`\`bash\nx\n\`\`\`\n`;
    const r = await playWith({ markdown: md, options: { yes: true }, script: { 'hay-disco': { code: 1 } } });
    expect(r.ran).toEqual(['hay-disco']);
    expect((r.error as Error).name).toBe('FailedError');
  });
});

describe('where a param value comes from', () => {
  it('a var of the chosen environment beats the param default; a flag beats both', async () => {
    const md = `${fm('environments:\n  lab: { vars: { BACKUP_DIR: /lab/backups } }\n  staging: { default: true }\nparams:\n  BACKUP_DIR: { default: /opt/inatrace/backups }\n')}## A\n\n\`\`\`bash\nls "$BACKUP_DIR"\n\`\`\`\n`;
    const lab = await playWith({ markdown: md, options: { yes: true, envName: 'lab' } });
    expect(lab.requests[0]?.env.BACKUP_DIR).toBe('/lab/backups');
    expect(lab.events[0]).toMatchObject({ type: 'run-started', params: { BACKUP_DIR: '/lab/backups' } });
    const staging = await playWith({ markdown: md, options: { yes: true, envName: 'staging' } });
    expect(staging.requests[0]?.env.BACKUP_DIR).toBe('/opt/inatrace/backups');
    const flag = await playWith({ markdown: md, options: { yes: true, envName: 'lab', paramPairs: ['BACKUP_DIR=/tmp/b'] } });
    expect(flag.requests[0]?.env.BACKUP_DIR).toBe('/tmp/b');
  });
});
