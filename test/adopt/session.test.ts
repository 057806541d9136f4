// One session, like a terminal: what a step's shell assigns, exports or
// `cd`s into reaches the steps after it (bash and sh), output untouched,
// values of a `secret` step secret and never journaled.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProcessRunner } from '../../engine/process/spawn.js';
import { diffBash, diffSh } from '../../engine/run/session-dump.js';
import { mayChangeSession, openSession } from '../../engine/run/session.js';
import { playWith } from '../run/helpers.js';

const fence = (info: string, body: string) => `\`\`\`${info}\n${body}\n\`\`\`\n`;
/** What the steps printed, one entry per line, without the screen's gutter. */
const printed = (screen: string) => screen.split('\n').flatMap((line) => {
  const at = line.indexOf('│ ');
  return at < 0 ? [] : [line.slice(at + 2)];
});
const runbook = (...steps: [string, string][]) => `# S\n\n${steps.map(([info, body], i) => `## P${i}\n\n${fence(info, body)}`).join('\n')}`;

describe.each(['bash', 'sh'])('a %s session', (lang) => {
  it('carries assigned and exported variables and the directory after cd; output is untouched', async () => {
    const md = runbook(
      [lang, `NAMESPACE=pagos\nexport REGION="eu 'west'\nline two"\nmkdir -p sub && cd sub\necho first`],
      [lang, `echo "ns=$NAMESPACE region=$REGION"\npwd`],
    );
    const { screen, events, error, dir } = await playWith({ markdown: md, options: { yes: true, runner: createProcessRunner() } });
    expect(error).toBeUndefined();
    expect(printed(screen)).toEqual(['first', "ns=pagos region=eu 'west'", 'line two', join(dir, 'sub')]);
    expect(screen).not.toContain('__rb_');
    const session = events.filter((e) => e.type === 'session');
    expect(session).toHaveLength(1);
    expect(session[0]).toMatchObject({ step: 'p0', vars: { NAMESPACE: 'pagos', REGION: "eu 'west'\nline two" }, secret: [], cwd: join(dir, 'sub') });
  });
});

describe('session rules', () => {
  it('a secret step: its values reach later steps, are masked on screen and never journaled or logged', async () => {
    const md = runbook(['bash { secret }', 'export TOKEN="$(cat token.txt)"'], ['bash', 'echo "token=$TOKEN"; test "$(cat token.txt)" = "$TOKEN"']);
    const cwd = mkdtempSync(join(tmpdir(), 'runbook-session-'));
    writeFileSync(join(cwd, 'token.txt'), 'tok-5a4b3c2d1e\n');
    const { screen, events, error, dir } = await playWith({ markdown: md, options: { yes: true, runner: createProcessRunner(), cwd } });
    expect(error).toBeUndefined();
    expect(printed(screen)).toEqual(['token=••••••']);
    expect(screen).not.toContain('tok-5a4b3c2d1e');
    expect(events.find((e) => e.type === 'session')).toMatchObject({ vars: {}, secret: ['TOKEN'] });
    const runs = join(dir, 'state', 'runs');
    const run = join(runs, readdirSync(runs)[0] ?? '');
    expect(readFileSync(join(run, 'journal.jsonl'), 'utf8')).not.toContain('tok-5a4b3c2d1e');
    for (const log of readdirSync(join(run, 'steps'))) expect(readFileSync(join(run, 'steps', log), 'utf8')).not.toContain('tok-5a4b3c2d1e');
  });

  it('a step cwd wins over a carried directory; a failed step carries nothing; shell line numbers are the author\'s', async () => {
    const md = runbook(
      ['bash', 'cd /tmp'],
      ['bash { cwd=/ }', 'pwd'],
      ['bash { continue-on-error }', 'X=from-failed\ncd /usr\nfalse'],
      ['bash', 'echo "x=${X:-unset}"; pwd; echo ok\nnot_a_command_4f'],
    );
    const { screen, events } = await playWith({ markdown: md, options: { yes: true, runner: createProcessRunner() } });
    expect(printed(screen)).toEqual(['/', 'x=unset', '/tmp', 'ok']);
    expect(screen).toContain('line 2: not_a_command_4f');
    expect(events.filter((e) => e.type === 'session').map((e) => e.step)).toEqual(['p0']);
  });

  it('a bash step may use descriptor 7 itself; a polled step carries what its last run left', async () => {
    const md = runbook(['bash', 'exec 7>&1\necho via7 >&7\nA=1'], ['bash { wait=20s interval=1s }', 'N=$(( ${N:-0} + 1 )); test -e flag || { touch flag; false; }; B=$A'], ['bash', 'echo "B=$B"']);
    const { screen, events, error } = await playWith({ markdown: md, options: { yes: true, runner: createProcessRunner() } });
    expect(error).toBeUndefined();
    expect(printed(screen)).toEqual(['via7', 'B=1']);
    expect(events.filter((e) => e.type === 'session')).toMatchObject([{ vars: { A: '1' } }, { vars: { N: '1', B: '1' } }]);
  });

  it('the shell\'s own variables are never carried; an unchanged one is not either; bash quoting is decoded', () => {
    const start = 'declare -- A="1"\ndeclare -- RANDOM="5"\ndeclare -x PWD="/a"\n__rb_end\n';
    const end = 'declare -- A="1"\ndeclare -- B="q\\"\\$\\`\\\\x"\ndeclare -- C=$\'l1\\nl2\\t\\\'\\001\\xc3\\xa9\'\ndeclare -a ARR=([0]="1")\ndeclare -ir EUID="0"\ndeclare -- RANDOM="9"\ndeclare -- SECONDS="3"\ndeclare -- BASH_COMMAND="x"\ndeclare -- __rb_fd="10"\ndeclare -x OLDPWD="/a"\ndeclare -- U\ndeclare -x PWD="/a"\n__rb_end\n';
    expect(diffBash(start + end)).toEqual({ vars: new Map([['B', 'q"$`\\x'], ['C', "l1\nl2\t'\u0001é"]]) });
    expect(diffBash(start)).toBeUndefined();
    const sh = "A='1'\nPWD='/a'\n__rb_end\nA='1'\nB='it'\"'\"'s\nmulti'\nPWD='/b'\n__rb_end\n";
    expect(diffSh(sh)).toEqual({ vars: new Map([['B', "it's\nmulti"]]), cwd: '/b' });
  });

  // A full disk under the run directory: the dump cannot be written. The step's own status and output must not change.
  it.each([['bash', '-e'], ['sh', '-e']])('a session file that cannot be written (%s %s): the script runs as without it, status and output unchanged', (shell, flag) => {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-session-full-'));
    const probe = openSession([shell], join(dir, 'probe'));
    if (!probe) throw new Error('no session support');
    probe.dispose();
    const full = openSync('/dev/full', 'w');
    try {
      for (const [script, status] of [['echo one; X=1; echo two', 0], ['echo one; exit 3', 3], ['echo one; false; echo never', 1]] as const) {
        const r = spawnSync(shell, [flag, '-c', probe.prelude + script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe', 'ignore', 'ignore', 'ignore', 'ignore', full] });
        expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status, stdout: script.includes('two') ? 'one\ntwo\n' : 'one\n', stderr: '' });
      }
    } finally {
      closeSync(full);
    }
  });

  it('only a script that may assign, export or cd gets the dump: a conservative check of its words', () => {
    const yes = ['X=1', 'export X', 'echo ${X:=d}', 'read X <<< hi', 'for i in 1 2; do :; done', 'cd /tmp', 'pushd /tmp', '. ./env.sh', 'source env.sh', 'printf -v X %s a', 'declare -i N', 'let N++', '(( N++ ))', 'mapfile -t L < f', 'getopts ab o', 'eval "$CMD"', 'exec {fd}>x', 'kubectl get pods && cd -'];
    const no = ['true', 'echo hi', 'kubectl get pods -n prod', 'ls ./dir | grep -c abcd', 'systemctl status nginx.service', 'curl -fsS http://localhost:8080/health'];
    expect(yes.filter((c) => !mayChangeSession(c))).toEqual([]);
    expect(no.filter((c) => mayChangeSession(c))).toEqual([]);
  });

  it('a step with nothing to carry runs without a session file; the next one that assigns still carries', async () => {
    const md = runbook(['bash', 'echo uno'], ['bash', 'read X <<< dos'], ['bash', 'echo "x: $X"']);
    const real = createProcessRunner();
    const preludes: boolean[] = [];
    const runner = { run: (request: Parameters<typeof real.run>[0]) => (preludes.push(request.prelude !== undefined), real.run(request)) };
    const { screen, events, error } = await playWith({ markdown: md, options: { yes: true, runner } });
    expect(error).toBeUndefined();
    expect(preludes).toEqual([false, true, false]);
    expect(printed(screen)).toEqual(['uno', 'x: dos']);
    expect(events.filter((e) => e.type === 'session')).toMatchObject([{ step: 'p1', vars: { X: 'dos' } }]);
  });
});
