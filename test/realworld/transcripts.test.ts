/** Prompts and transcripts in every shell fence, and fence quirks (issue 14, parts 1 and 2). Fixtures written for this issue. */
import { describe, expect, it } from 'vitest';
import { splitConsoleBlock } from '../../engine/parse/console-block.js';
import { brief, commands, fence, onlyCommand, parse } from '../parse/helpers.js';

describe('prompts in every shell fence', () => {
  it('`$ ` lines of a bash fence are the command, other lines sample output', () => {
    const s = onlyCommand(`# Pods\n\n${fence('bash', '$ kubectl get pods -n web\nNAME    READY\napi-1   1/1')}`);
    expect(s).toMatchObject({ lang: 'bash', command: 'kubectl get pods -n web', sampleOutput: 'NAME    READY\napi-1   1/1', transcript: { commands: 1, outputLines: 2 } });
  });

  it('`\\` continues a prompt line; `# ` is a root prompt when the fence has `$ ` lines', () => {
    const s = onlyCommand(fence('sh', '$ systemctl status nginx \\\n    --no-pager\n● nginx.service\n# journalctl -u nginx -n 5\n-- Logs --'));
    expect(s.command).toBe('systemctl status nginx \\\n    --no-pager\njournalctl -u nginx -n 5');
    expect(s.sampleOutput).toBe('● nginx.service\n-- Logs --');
  });

  it('`# ` in a fence without `$ ` lines is a comment: the fence runs as written', () => {
    const s = onlyCommand(fence('bash', '# comprobar el disco\ndf -h /'));
    expect(s.command).toBe('# comprobar el disco\ndf -h /');
    expect(s).not.toHaveProperty('transcript');
  });

  it('a console fence: `# ` lines after `$ ` are root prompts', () => {
    expect(splitConsoleBlock('$ id -u\n1000\n# id -u\n0')).toEqual({ command: 'id -u\nid -u', output: '1000\n0', commands: 2, outputLines: 2 });
  });

  it('lint tells, as info, what it understood', () => {
    const { diagnostics } = parse(`# A\n\n${fence('bash', '$ uptime\n 10:00 up 3 days')}\n${fence('console', 'just output')}`);
    expect(brief(diagnostics)).toEqual(['3:1 info prompts-read', '8:1 info console-without-prompt']);
    expect(diagnostics[0]?.message).toBe('Unexpected transcript, expected plain commands: read 1 prompt line(s) as the command and 1 line(s) as sample output (shown, never run)');
  });
});

describe('fence quirks are warnings, never errors', () => {
  it.each([
    ['console # Drain the node', '# Drain the node'],
    ['bash title="restart.sh"', 'title="restart.sh"'],
    ['bash {.line-numbers}', '{.line-numbers}'],
  ])('```%s still runs', (info, text) => {
    const { runbook, diagnostics } = parse(fence(info, '$ kubectl get nodes'));
    expect(commands(runbook)).toHaveLength(1);
    expect(diagnostics.filter((d) => d.severity !== 'info').map((d) => [d.severity, d.rule, d.message])).toEqual([
      ['warning', 'fence-info-ignored', `Unexpected \`${text}\` after the fence's language, expected attributes in braces like \`{ id=name }\` (ignored: the block still runs)`],
    ]);
  });

  it('text before an attribute block is ignored, the attributes are read', () => {
    const { runbook, diagnostics } = parse(fence('bash title="x" { id=uno timeout=5s }', 'true'));
    expect(commands(runbook)[0]).toMatchObject({ id: 'uno', timeoutMs: 5000 });
    expect(brief(diagnostics)).toEqual(['1:9 warning fence-info-ignored']);
  });

  it('a broken attribute block is still an error', () => {
    expect(brief(parse(fence('bash { id=a', 'true')).diagnostics)).toEqual(['1:15 error attribute-syntax']);
  });
});
