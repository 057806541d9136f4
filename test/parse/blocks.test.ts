/** What each kind of Markdown block becomes: steps, context, manual steps, alerts, expectations, descriptions. */
import { describe, expect, it } from 'vitest';
import { splitConsoleBlock } from '../../engine/parse/console-block.js';
import { brief, commands, fence, ids, manuals, onlyCommand, parse } from './helpers.js';

describe('console blocks', () => {
  it('`$ ` lines are the command, other lines are sample output', () => {
    const s = onlyCommand(`# Estado\n\n${fence('console', '$ systemctl is-active app\nactive\n\n')}`);
    expect(s).toMatchObject({ lang: 'console', command: 'systemctl is-active app', sampleOutput: 'active' });
  });

  it('a trailing `\\` continues the command onto the next line', () => {
    const s = onlyCommand(fence('console', "$ psql -d pedidos -c \\\n    'select 1'\n ?column?\n----------\n        1"));
    expect(s.command).toBe("psql -d pedidos -c \\\n    'select 1'");
    expect(s.sampleOutput).toBe(' ?column?\n----------\n        1');
  });

  it('several `$ ` lines make one step running each command in turn', () => {
    const s = onlyCommand(fence('console', '$ cd /srv\n$ ls\napp\n$ echo fin'));
    expect(s.command).toBe('cd /srv\nls\necho fin');
    expect(s.sampleOutput).toBe('app');
  });

  it('a console block with no `$ ` line is context, not a step', () => {
    const { runbook } = parse(`# Salida\n\n${fence('console', 'active (running)\n#  no prompt here')}`);
    expect(runbook.steps).toEqual([]);
    expect(runbook.context).toEqual([{ lang: 'console', text: 'active (running)\n#  no prompt here', position: { line: 3, column: 1 }, section: 1 }]);
  });

  it('splitConsoleBlock leaves no sample output when there is none', () => {
    expect(splitConsoleBlock('$ true')).toEqual({ command: 'true', output: '', commands: 1, outputLines: 0 });
    expect(onlyCommand(fence('console', '$ true'))).not.toHaveProperty('sampleOutput');
  });
});

describe('context blocks', () => {
  it('other languages and blocks without a language are shown, never run', () => {
    const markdown = [fence('yaml', 'a: 1'), fence('sql', 'select 1;'), fence('mermaid', 'graph TD'), fence('', 'plain'), fence('python', 'print(1)')].join('\n');
    const { runbook, diagnostics } = parse(markdown);
    expect(runbook.steps).toEqual([]);
    expect(runbook.context.map((c) => c.lang)).toEqual(['yaml', 'sql', 'mermaid', '', 'python']);
    expect(diagnostics).toEqual([]);
  });

  it('attributes on a context block are not checked', () => {
    expect(parse(fence('python title="x.py"', 'print(1)')).diagnostics).toEqual([]);
  });

  it('tilde fences are steps too', () => {
    expect(onlyCommand(fence('bash { id=tilde }', 'echo ~', '~~~')).id).toBe('tilde');
  });
});

describe('task lists are manual steps', () => {
  it('each task item is a manual step whose id is the slug of its text', () => {
    const { runbook } = parse('# Cierre\n\n- [ ] Notificar al equipo en `#ops`\n- [x] Actualizar el ticket\n- Un punto normal\n');
    expect(manuals(runbook).map((m) => [m.id, m.text, m.checked, m.position.line])).toEqual([
      ['notificar-al-equipo-en-ops', 'Notificar al equipo en #ops', false, 3],
      ['actualizar-el-ticket', 'Actualizar el ticket', true, 4],
    ]);
  });

  it('repeated texts get -2, -3', () => {
    const { runbook } = parse('- [ ] Avisar\n- [ ] Avisar\n- [ ] Avisar\n');
    expect(ids(runbook.steps)).toEqual(['avisar', 'avisar-2', 'avisar-3']);
  });

  it('sits in document order among command steps, in its section', () => {
    const { runbook } = parse(`# A\n\n${fence('sh { id=uno }', '1')}\n## B\n\n- [ ] Confirmar\n\n${fence('sh { id=dos }', '2')}`);
    expect(runbook.steps.map((s) => `${s.kind}:${s.id}:${runbook.sections[s.section]?.title}`)).toEqual(['command:uno:A', 'manual:confirmar:B', 'command:dos:B']);
  });

  it('a code block inside a task item is a step after it', () => {
    const { runbook } = parse('# A\n\n- [ ] Revisar el disco\n  ```sh { id=df }\n  df -h\n  ```\n');
    expect(ids(runbook.steps)).toEqual(['revisar-el-disco', 'df']);
  });
});

describe('GitHub alerts', () => {
  it('belong to the section they are in, with their kind and text', () => {
    const markdown = '# A\n\n> [!WARNING]\n> Esto **borra** datos.\n\n## B\n\n> [!NOTE] Nota en línea\n\n> [!caution]\n> Cuidado\n';
    const { runbook } = parse(markdown);
    expect(runbook.sections.map((s) => [s.title, s.alerts.map((a) => `${a.kind}:${a.text}@${a.position.line}`)])).toEqual([
      ['A', []],
      ['A', ['warning:Esto borra datos.@3']],
      ['B', ['note:Nota en línea@8', 'caution:Cuidado@10']],
    ]);
  });

  it('plain quotes and unknown markers are not alerts', () => {
    const { runbook } = parse('# A\n\n> Una cita\n\n> [!FOO] no\n');
    expect(runbook.sections.flatMap((s) => s.alerts)).toEqual([]);
  });

  it('an alert before any heading belongs to the first section', () => {
    expect(parse('> [!IMPORTANT] Leer antes\n\n# A\n').runbook.sections[0]?.alerts).toMatchObject([{ kind: 'important', text: 'Leer antes' }]);
  });
});

describe('expect blocks', () => {
  const withExpect = (info: string, text: string) => parse(`# A\n\n${fence('sh', 'echo UP')}\n${fence(info, text)}`);

  it.each([
    ['text {expect}', 'exact'],
    ['text {expect=exact}', 'exact'],
    ['text {expect=contains}', 'contains'],
    ['text {expect=regex}', 'regex'],
  ])('`%s` attaches a %s expectation to the step before it', (info, mode) => {
    const { runbook, diagnostics } = withExpect(info, '^UP$');
    expect(diagnostics).toEqual([]);
    expect(commands(runbook)[0]?.expect).toEqual({ mode, text: '^UP$', position: { line: 7, column: 1 } });
    expect(runbook.context).toEqual([]);
  });

  it('an expect block with no step before it is reported', () => {
    const { runbook, diagnostics } = parse(`# A\n\n${fence('text {expect}', 'UP')}\n${fence('sh', 'echo UP')}`);
    expect(brief(diagnostics)).toEqual(['3:1 error expect-without-step']);
    expect(commands(runbook)[0]).not.toHaveProperty('expect');
  });

  it('an expect block after a manual step is reported', () => {
    expect(brief(parse(`- [ ] Mirar\n\n${fence('text {expect}', 'UP')}`).diagnostics)).toEqual(['3:1 error expect-without-step']);
  });

  it('a second expect block for the same step is reported', () => {
    const { diagnostics } = parse(`${fence('sh', 'echo')}\n${fence('text {expect}', 'a')}\n${fence('text {expect}', 'b')}`);
    expect(brief(diagnostics)).toEqual(['9:1 error expect-without-step']);
  });

  it('bad modes, other attributes and invalid regexes are reported where they are', () => {
    expect(withExpect('text {expect=fuzzy}', 'x').diagnostics.map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`)).toEqual([
      '7:10 attribute-value Unexpected `fuzzy` for `expect`, expected `exact`, `contains` or `regex`',
    ]);
    expect(brief(withExpect('text {expect id=x}', 'x').diagnostics)).toEqual(['7:17 error attribute-unknown']);
    expect(brief(withExpect('text {expect=regex}', '(').diagnostics)).toEqual(['7:1 error attribute-value']);
  });
});

describe('descriptions and sections', () => {
  it('the paragraph right before a step is its description; a heading or other block in between cuts it', () => {
    const markdown = `# A\n\nPara el **backend** antes de restaurar.\n\n${fence('sh { id=uno }', '1')}\n${fence('sh { id=dos }', '2')}\nTexto.\n\n${fence('yaml', 'a: 1')}\n${fence('sh { id=tres }', '3')}`;
    const steps = parse(markdown).runbook.steps;
    expect(steps.map((s) => s.description)).toEqual(['Para el backend antes de restaurar.', undefined, undefined]);
  });

  it('code blocks nested in ordered list items are steps, described by the item text', () => {
    const markdown = '# Restaurar\n\n1. Detén el servicio:\n\n   ```sh\n   systemctl stop app\n   ```\n\n2. Restaura la copia:\n\n   ```bash { id=restore }\n   pg_restore x.dump\n   ```\n';
    const steps = commands(parse(markdown).runbook);
    expect(steps.map((s) => [s.id, s.description, s.command, s.position.line])).toEqual([
      ['restaurar', 'Detén el servicio:', 'systemctl stop app', 5],
      ['restore', 'Restaura la copia:', 'pg_restore x.dump', 11],
    ]);
    expect(steps[1]?.attributePositions.id).toEqual({ line: 11, column: 14 });
  });

  it('headings make sections; steps before any heading belong to the runbook title', () => {
    const { runbook } = parse(`---\ntitle: Mi runbook\n---\n${fence('sh', 'echo 0')}\n# Uno\n\n## Dos\n\n${fence('sh', 'echo 2')}`);
    expect(runbook.sections.map((s) => [s.title, s.depth, s.position.line])).toEqual([
      ['Mi runbook', 0, 1],
      ['Uno', 1, 8],
      ['Dos', 2, 10],
    ]);
    expect(runbook.steps.map((s) => [s.id, s.section])).toEqual([
      ['mi-runbook', 0],
      ['dos', 2],
    ]);
  });
});
