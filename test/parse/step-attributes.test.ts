/** Every step attribute as written in a fence, and what it becomes on the step. */
import { describe, expect, it } from 'vitest';
import { brief, fence, onlyCommand, parse } from './helpers.js';

const step = (attributes: string, body = 'echo hola') => onlyCommand(`# Paso\n\n${fence(`sh ${attributes}`, body)}`);

describe('step attributes', () => {
  it('has safe defaults when no attribute is written', () => {
    const s = step('');
    expect(s).toMatchObject({
      id: 'paso',
      lang: 'sh',
      command: 'echo hola',
      destructive: false,
      retry: 0,
      delayMs: 0,
      intervalMs: 5000,
      secretCapture: false,
      needs: [],
      rollback: false,
      continueOnError: false,
      interactive: false,
      attributes: {},
    });
    for (const key of ['timeoutMs', 'waitMs', 'capture', 'if', 'onFailure', 'cwd', 'expect']) expect(s).not.toHaveProperty(key);
  });

  it('id names the step; name is its alias', () => {
    expect(step('{ id=stop-backend }').id).toBe('stop-backend');
    expect(step('{ name=stop-backend }').id).toBe('stop-backend');
  });

  it('destructive marks the step', () => {
    expect(step('{ destructive }').destructive).toBe(true);
    expect(step('{ destructive=false }').destructive).toBe(false);
  });

  it('timeout is a duration in milliseconds', () => {
    expect(step('{ timeout=60s }').timeoutMs).toBe(60_000);
    expect(step('{ timeout=1h30m }').timeoutMs).toBe(5_400_000);
    expect(step('{ timeout=500ms }').timeoutMs).toBe(500);
    expect(step('{ timeout=90 }').timeoutMs).toBe(90_000);
  });

  it('timeout defaults to the front matter timeout, and the step wins over it', () => {
    const markdown = `---\ntimeout: 2m\n---\n# A\n\n${fence('sh', 'echo a')}\n${fence('sh { timeout=5s }', 'echo b')}`;
    const [a, b] = parse(markdown).runbook.steps;
    expect(a).toMatchObject({ timeoutMs: 120_000 });
    expect(b).toMatchObject({ timeoutMs: 5000 });
  });

  it('retry and delay', () => {
    expect(step('{ retry=3 delay=10s }')).toMatchObject({ retry: 3, delayMs: 10_000 });
  });

  it('wait and interval (interval defaults to 5s)', () => {
    expect(step('{ wait=2m interval=10s }')).toMatchObject({ waitMs: 120_000, intervalMs: 10_000 });
    expect(step('{ wait=30s }')).toMatchObject({ waitMs: 30_000, intervalMs: 5000 });
    expect(step('{ wait=30s }')).not.toHaveProperty('giveUp');
  });

  it('giveup lists the exit statuses that end a wait at once', () => {
    expect(step('{ wait=2m giveup=3 }')).toMatchObject({ waitMs: 120_000, giveUp: [3] });
    expect(step('{ wait=2m giveup=3,4,3 }')).toMatchObject({ giveUp: [3, 4] });
    expect(step('{ wait=2m giveup="3, 255" }')).toMatchObject({ giveUp: [3, 255] });
  });

  it('capture names a variable; secret masks it', () => {
    expect(step('{ capture=BACKUP_FILE }')).toMatchObject({ capture: 'BACKUP_FILE', secretCapture: false });
    expect(step('{ capture=TOKEN secret }')).toMatchObject({ capture: 'TOKEN', secretCapture: true });
  });

  it('needs is a comma-separated list of ids, in either syntax', () => {
    const markdown = `# A\n\n${fence('sh { id=a }', 'a')}\n${fence('sh { id=b }', 'b')}\n${fence('sh { id=c needs=a,b }', 'c')}\n${fence('sh {"id":"d","needs":["a","c"]}', 'd')}`;
    const { runbook, diagnostics } = parse(markdown);
    expect(diagnostics).toEqual([]);
    expect(runbook.steps.map((s) => s.needs)).toEqual([[], [], ['a', 'b'], ['a', 'c']]);
  });

  it('if keeps escaped quotes exactly as the shell needs them', () => {
    const s = step('{ id=stop if="test \\"$STATUS\\" != UP" }');
    expect(s.if).toBe('test "$STATUS" != UP');
    expect(s.attributes.if).toBe('test "$STATUS" != UP');
  });

  it('on-failure names the handler step', () => {
    expect(step('{ on-failure=force-stop }').onFailure).toBe('force-stop');
  });

  it('rollback, continue-on-error and interactive are flags', () => {
    expect(step('{ rollback continue-on-error interactive }')).toMatchObject({ rollback: true, continueOnError: true, interactive: true });
  });

  it('cwd is a path, quoted when it has spaces', () => {
    expect(step('{ cwd=/var/backups }').cwd).toBe('/var/backups');
    expect(step('{ cwd="/srv/my app" }').cwd).toBe('/srv/my app');
  });

  it("Runme's JSON form sets the same options", () => {
    const s = step('{"name":"restore","destructive":true,"timeout":"10m","retry":2,"cwd":"/var/backups","interactive":true}');
    expect(s).toMatchObject({ id: 'restore', destructive: true, timeoutMs: 600_000, retry: 2, cwd: '/var/backups', interactive: true });
  });

  it('records where each attribute was written', () => {
    const s = step('{ id=stop timeout=5s }');
    // Line 3 is the fence line `\`\`\`sh { id=stop timeout=5s }`.
    expect(s.attributePositions).toEqual({ id: { line: 3, column: 9 }, timeout: { line: 3, column: 17 } });
  });

  it('every runnable language is a step: sh, bash, shell, zsh, console', () => {
    const markdown = ['sh', 'bash', 'shell', 'zsh', 'BASH'].map((lang) => fence(lang, 'echo')).join('\n') + fence('console', '$ echo');
    expect(parse(markdown).runbook.steps.map((s) => (s.kind === 'command' ? s.lang : ''))).toEqual(['sh', 'bash', 'shell', 'zsh', 'bash', 'console']);
  });
});

describe('step attribute problems', () => {
  const problems = (attributes: string) => {
    const { diagnostics } = parse(`# Paso\n\n${fence(`sh ${attributes}`, 'echo')}`);
    return diagnostics.map((d) => `${d.column} ${d.rule} ${d.message}`);
  };

  it('a misspelt attribute is unknown, with a suggestion', () => {
    expect(problems('{ destrutive }')).toEqual(['9 attribute-unknown Unexpected attribute `destrutive`, expected one of the step attributes (did you mean `destructive`?)']);
  });

  it('names of built-in object members are unknown attributes too', () => {
    expect(problems('{ toString=x constructor }').map((p) => p.split(' ').slice(0, 2).join(' '))).toEqual(['9 attribute-unknown', '20 attribute-unknown']);
  });

  it.each([
    ['{ timeout=abc }', '9 attribute-value Unexpected `abc` for `timeout`, expected a duration like `30s`, `5m` or `1h`'],
    ['{ interval=0 }', '9 attribute-value Unexpected `0` for `interval`, expected a duration like `30s`, `5m` or `1h`'],
    ['{ retry=two }', '9 attribute-value Unexpected `two` for `retry`, expected a whole number of attempts'],
    ['{ capture=1A }', '9 attribute-value Unexpected `1A` for `capture`, expected a variable name like `BACKUP_FILE`'],
    ['{ needs=a,@ }', '9 attribute-value Unexpected `a,@` for `needs`, expected a comma-separated list of step ids'],
    ['{ on-failure }', '9 attribute-value Unexpected no value for `on-failure`, expected a step id of letters, digits, `-`, `_` or `.`'],
    ['{ rollback=yes }', '9 attribute-value Unexpected `yes` for `rollback`, expected no value (a flag)'],
    ['{ if="" }', '9 attribute-value Unexpected `` for `if`, expected a value'],
    ['{ wait=1m giveup=0 }', '17 attribute-value Unexpected `0` for `giveup`, expected comma-separated exit statuses from 1 to 255, like `3` or `3,4`'],
    ['{ wait=1m giveup=256 }', '17 attribute-value Unexpected `256` for `giveup`, expected comma-separated exit statuses from 1 to 255, like `3` or `3,4`'],
    ['{ wait=1m giveup=3,x }', '17 attribute-value Unexpected `3,x` for `giveup`, expected comma-separated exit statuses from 1 to 255, like `3` or `3,4`'],
    ['{ wait=1m giveup=3;4 }', '17 attribute-value Unexpected `3;4` for `giveup`, expected comma-separated exit statuses from 1 to 255, like `3` or `3,4`'],
    ['{ wait=1m giveup }', '17 attribute-value Unexpected no value for `giveup`, expected comma-separated exit statuses from 1 to 255, like `3` or `3,4`'],
    ['{ giveup=3 }', '9 attribute-conflict Unexpected `giveup` without `wait`, expected `wait=<duration>` on the same step (`giveup` ends a wait early)'],
  ])('%s has a bad value', (attributes, expected) => {
    expect(problems(attributes)).toEqual([expected]);
  });

  it('conflicts: capture on an interactive step, both id and name; secret without capture is a secret step', () => {
    expect(brief(parse(`# P\n\n${fence('sh { interactive capture=OUT }', 'x')}`).diagnostics)).toEqual(['3:21 error attribute-conflict']);
    expect(brief(parse(`# P\n\n${fence('sh { secret }', 'x')}`).diagnostics)).toEqual([]);
    expect(brief(parse(`# P\n\n${fence('sh { id=a name=b }', 'x')}`).diagnostics)).toEqual(['3:14 error attribute-conflict']);
  });

  it('an expect block after an interactive step is a conflict at the expect block', () => {
    const { diagnostics } = parse(`# P\n\n${fence('sh { interactive }', 'x')}\n${fence('text {expect}', 'y')}`);
    expect(brief(diagnostics)).toEqual(['7:1 error attribute-conflict']);
  });
});
