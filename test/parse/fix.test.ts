/** `lint --fix`'s rewrite (engine/parse/fix.ts): each fix in its written form, and only the changed bytes change. */
import { describe, expect, it } from 'vitest';
import { fixSource, FIXED_RULES } from '../../engine/parse/fix.js';
import { holdsCommands } from '../../engine/parse/unlabelled.js';
import { commands, parse } from './helpers.js';

function fixed(markdown: string): string {
  const result = fixSource(markdown, '/runbooks/test.md');
  if (!result.ok) throw new Error(`fix refused: ${result.reason}`);
  return result.text;
}

/** A fixed text parses with none of the diagnostics the fix resolves, and fixing it again changes nothing. */
function settled(text: string): void {
  expect(parse(text).diagnostics.filter((d) => FIXED_RULES.has(d.rule))).toEqual([]);
  expect(fixed(text)).toBe(text);
}

describe('fences without a language', () => {
  it('get `bash` when every command starts with a well-known program (lint points at them first)', () => {
    const md = '# T\n\n```\nsudo systemctl restart nginx\nNS=prod kubectl get pods\n```\n';
    expect(parse(md).diagnostics.map((d) => d.rule)).toContain('commands-unlabelled');
    expect(fixed(md)).toBe('# T\n\n```bash\nsudo systemctl restart nginx\nNS=prod kubectl get pods\n```\n');
  });

  it('that hold output or prose are left alone', () => {
    for (const body of ['Error from server (NotFound): pods "web-1" not found', 'NAME   READY   STATUS\nweb-1  1/1     Running', 'Reinicia el servicio y espera']) {
      expect(holdsCommands(body)).toBe(false);
      const md = `# T\n\n\`\`\`\n${body}\n\`\`\`\n`;
      expect(parse(md).diagnostics.map((d) => d.rule)).not.toContain('commands-unlabelled');
      expect(fixed(md)).toBe(md);
    }
  });

  it('an indented code block is not a fence: lint does not point at it and --fix leaves it', () => {
    const md = '# T\n\nParagraph.\n\n    kubectl get pods\n';
    expect(parse(md).diagnostics.map((d) => d.rule)).not.toContain('commands-unlabelled');
    expect(fixed(md)).toBe(md);
  });

  it('a console block without `$ ` that holds commands becomes `bash`; one with output only stays', () => {
    expect(fixed('# T\n\n```console\nkubectl get nodes\n```\n')).toBe('# T\n\n```bash\nkubectl get nodes\n```\n');
    expect(fixed('# T\n\n```console\nnode-1   Ready\n```\n')).toBe('# T\n\n```console\nnode-1   Ready\n```\n');
  });
});

describe('transcripts', () => {
  it('become the commands and a following `text` fence of sample output, which `--dry-run` shows as context', () => {
    const md = '# T\n\n```console\n$ df -h /\nFilesystem  Size\n# systemctl status nginx\nactive\n```\n';
    const text = fixed(md);
    expect(text).toBe('# T\n\n```bash\ndf -h /\nsystemctl status nginx\n```\n\n```text\nFilesystem  Size\nactive\n```\n');
    expect(commands(parse(text).runbook).map((s) => s.command)).toEqual(commands(parse(md).runbook).map((s) => s.command));
    expect(parse(text).runbook.context.map((c) => [c.lang, c.text, c.afterStep])).toEqual([['text', 'Filesystem  Size\nactive', 0]]);
    settled(text);
  });

  it('keep the fence kind, the language of sh/zsh fences, list indentation and blockquote markers', () => {
    expect(fixed('# T\n\n1. Mira:\n\n   ~~~sh {id=mira}\n   $ uptime\n   up 3 days\n   ~~~\n')).toBe('# T\n\n1. Mira:\n\n   ~~~sh {id=mira}\n   uptime\n   ~~~\n\n   ```text\n   up 3 days\n   ```\n');
    expect(fixed('# T\n\n> ```bash\n> $ uptime\n> up\n> ```\n')).toBe('# T\n\n> ```bash\n> uptime\n> ```\n>\n> ```text\n> up\n> ```\n');
  });

  it('an output with a fence inside gets a longer fence; a transcript without output gets none', () => {
    expect(fixed('# T\n\n~~~console\n$ cat notas.md\n```\nx\n```\n~~~\n')).toBe('# T\n\n~~~bash\ncat notas.md\n~~~\n\n````text\n```\nx\n```\n````\n');
    expect(fixed('# T\n\n```console\n$ uptime\n```\n')).toBe('# T\n\n```bash\nuptime\n```\n');
  });

  it('an expect block after the transcript still belongs to its step', () => {
    const text = fixed('# T\n\n```console\n$ echo ok\nok\n```\n\n```text {expect=contains}\nok\n```\n');
    expect(commands(parse(text).runbook)[0]?.expect?.mode).toBe('contains');
    settled(text);
  });

  it('are refused when the plain fence would read differently (a continuation line starting with `$ `)', () => {
    expect(fixSource('# T\n\n```console\n$ echo a \\\n$ b\n```\n', '/r/t.md')).toEqual({ ok: false, reason: 'steps-changed' });
  });
});

describe('destructive marks', () => {
  it('are written in the attribute form the fence already uses', () => {
    expect(fixed('# T\n\n```bash\nkubectl delete ns viejo\n```\n')).toBe('# T\n\n```bash { destructive }\nkubectl delete ns viejo\n```\n');
    expect(fixed('# T\n\n```bash { id=borrar timeout=30s }\nrm -rf /tmp/x\n```\n')).toBe('# T\n\n```bash { id=borrar timeout=30s destructive }\nrm -rf /tmp/x\n```\n');
    expect(fixed('# T\n\n```sh {"name":"borrar"}\nrm -rf /tmp/x\n```\n')).toBe('# T\n\n```sh {"name":"borrar","destructive":true}\nrm -rf /tmp/x\n```\n');
    expect(fixed('# T\n\n```bash # limpia\nrm -rf /tmp/x\n```\n')).toBe('# T\n\n```bash # limpia { destructive }\nrm -rf /tmp/x\n```\n');
  });

  it('are not written where the author already said (destructive=false)', () => {
    const md = '# T\n\n```bash { destructive=false }\nrm -rf /tmp/cache\n```\n';
    expect(fixed(md)).toBe(md);
  });

  it('gate the same step after the fix', () => {
    const md = '# T\n\n```bash { id=x }\nsudo systemctl stop nginx\n```\n';
    const after = commands(parse(fixed(md)).runbook)[0];
    expect(after?.destructive).toBe(true);
    expect(after?.risk).toBeUndefined();
  });
});

describe('inferred params in the front matter', () => {
  it('create a front matter when there is none', () => {
    const text = fixed('# T\n\nMira los pods.\n\n```bash\nkubectl get pods -n <namespace>\n```\n');
    expect(text).toBe('---\nparams:\n  NAMESPACE:\n    description: Mira los pods.\n    required: true\n---\n\n# T\n\nMira los pods.\n\n```bash\nkubectl get pods -n <namespace>\n```\n');
    expect(parse(text).runbook.frontMatter.params.NAMESPACE).toMatchObject({ required: true, description: 'Mira los pods.' });
    settled(text);
  });

  it('are added after existing params, keeping every existing line byte for byte', () => {
    const head = '---\nid: RB-9   # el id\nparams:\n  FOO:\n    default: a # por defecto\n# comentario final\n---\n';
    const text = fixed(`${head}\n\`\`\`bash\necho "$FOO" "$BAR"\n\`\`\`\n`);
    expect(text).toBe('---\nid: RB-9   # el id\nparams:\n  FOO:\n    default: a # por defecto\n  BAR:\n    description: echo "$FOO" "$BAR"\n    required: true\n# comentario final\n---\n\n```bash\necho "$FOO" "$BAR"\n```\n');
    settled(text);
  });

  it('add a `params` key at the end of a front matter without one', () => {
    const text = fixed('---\ntitle: T # título\ntags: [a,  b]\n---\n\n```bash\necho "$BAR"\n```\n');
    expect(text.startsWith('---\ntitle: T # título\ntags: [a,  b]\nparams:\n  BAR:\n')).toBe(true);
    settled(text);
  });

  it('leave a front matter that does not parse alone', () => {
    const md = '---\ntitle: [sin cerrar\n---\n\n```bash\necho "$BAR"\n```\n';
    expect(fixed(md)).toBe(md);
  });
});

describe('the whole file', () => {
  it('keeps a byte order mark and CRLF line endings', () => {
    const text = fixed('\uFEFF# T\r\n\r\n```console\r\n$ uptime\r\nup\r\n```\r\n');
    expect(text).toBe('\uFEFF# T\r\n\r\n```bash\r\nuptime\r\n```\r\n\r\n```text\r\nup\r\n```\r\n');
  });

  it('leaves a native runbook exactly as it is', () => {
    const md = '---\nid: N-1\n---\n\n# N\n\n```bash { destructive }\nrm -f /tmp/x\n```\n\n```text\n(nada)\n```\n\n- [ ] Avisar\n';
    expect(fixed(md)).toBe(md);
  });
});
