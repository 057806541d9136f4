/** Front matter: every key of the format, its defaults, and plain Markdown without any. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { brief, parse } from './helpers.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/format/restore-db.md', import.meta.url));

describe('front matter', () => {
  it('reads every key of the format (fixture restore-db.md)', () => {
    const { runbook, diagnostics } = parse(readFileSync(FIXTURE, 'utf8'), FIXTURE);
    // Only what the engine understood: the console transcript and the unmarked `systemctl kill`.
    expect(diagnostics.map((d) => `${d.severity} ${d.rule}`)).toEqual(['info prompts-read', 'info risk-inferred']);
    const { keyPositions, ...fm } = runbook.frontMatter;
    expect(fm).toEqual({
      id: 'FMT-01',
      title: 'Restaurar la base de datos de pedidos',
      aliases: ['restore-db-fixture', 'fmt-restore'],
      description: 'Restaura la base de datos `pedidos` desde una copia de seguridad.',
      owner: 'equipo-datos',
      severity: 'high',
      tags: ['fmt-fixture', 'database'],
      estimated: '15m',
      downtime: '5m',
      lang: 'es',
      shell: 'bash',
      cwd: '/tmp',
      timeoutMs: 120_000,
      environments: {
        staging: { vars: { DB_HOST: 'db.staging.local', DB_PORT: '5432' }, protected: false, default: true },
        production: { vars: { DB_HOST: 'db.prod.local' }, protected: true, default: false },
      },
      params: {
        BACKUP_FILE: { description: 'Copia a restaurar', required: true, pattern: '[a-z0-9_-]+\\.dump', secret: false },
        MODE: { default: 'full', choices: ['full', 'schema'], required: false, secret: false },
        DB_PASSWORD: { required: false, secret: true },
      },
      requires: { commands: ['psql', 'pg_restore'], env: ['PGUSER'], files: ['/etc/hosts'] },
      preconditions: [
        { name: 'Hay espacio en disco', run: 'test "$(df --output=avail / | tail -1)" -gt 1000', severity: 'error', position: { line: 38, column: 10 } },
        { name: 'Nadie más está restaurando', run: 'test ! -e /tmp/restore.lock', severity: 'warn', position: { line: 40, column: 10 } },
      ],
      escalation: { after: '30m', afterMs: 1_800_000, contacts: ['#incidencias', 'dba@example.com'] },
      mask: ['tok_[A-Za-z0-9]+'],
    });
    expect(keyPositions.id).toEqual({ line: 2, column: 5 });
    expect(keyPositions.mask).toEqual({ line: 45, column: 7 });
    expect(runbook).toMatchObject({ id: 'FMT-01', title: 'Restaurar la base de datos de pedidos', hasFrontMatter: true });
  });

  it('fills defaults for keys not written', () => {
    const { runbook, diagnostics } = parse('---\nid: RB-02\nparams:\n  HOST:\nenvironments:\n  dev:\n---\n# T\n');
    expect(diagnostics).toEqual([]);
    expect(runbook.frontMatter).toMatchObject({
      aliases: [],
      tags: [],
      mask: [],
      preconditions: [],
      requires: { commands: [], env: [], files: [] },
      params: { HOST: { required: false, secret: false } },
      environments: { dev: { vars: {}, protected: false, default: false } },
    });
    for (const key of ['title', 'severity', 'timeoutMs', 'escalation', 'shell', 'cwd']) expect(runbook.frontMatter).not.toHaveProperty(key);
  });

  it('accepts a single string where a list is expected, and numbers as strings', () => {
    const { runbook } = parse('---\nid: 7\naliases: restore\ntags: db\ntimeout: 30\nrequires:\n  commands: psql\n---\n');
    expect(runbook.frontMatter).toMatchObject({ id: '7', aliases: ['restore'], tags: ['db'], timeoutMs: 30_000, requires: { commands: ['psql'] } });
  });

  it('lets a step take the front matter timeout as its default', () => {
    const { runbook } = parse('---\ntimeout: 1h30m\n---\n```sh\necho\n```\n');
    expect(runbook.steps[0]).toMatchObject({ timeoutMs: 5_400_000 });
  });

  it('ignores a byte-order mark before the front matter', () => {
    expect(parse('\uFEFF---\nid: RB-BOM\n---\n').runbook.id).toBe('RB-BOM');
  });
});

describe('plain Markdown without front matter', () => {
  it('takes its id from the file name and its title from the first heading', () => {
    const { runbook, diagnostics } = parse('Intro.\n\n# Reiniciar nginx\n\n## Pasos\n\n```bash\nsudo systemctl restart nginx\n```\n', '/srv/docs/reiniciar-nginx.md');
    expect(diagnostics).toEqual([]);
    expect(runbook).toMatchObject({ id: 'reiniciar-nginx', title: 'Reiniciar nginx', hasFrontMatter: false });
    expect(runbook.steps.map((s) => s.id)).toEqual(['pasos']);
  });

  it('falls back to the id as title when there is no heading', () => {
    expect(parse('solo texto\n', '/x/notas.md').runbook).toMatchObject({ id: 'notas', title: 'notas', steps: [] });
  });

  it('a front matter title wins over the first heading', () => {
    expect(parse('---\ntitle: Del front matter\n---\n# Del encabezado\n').runbook.title).toBe('Del front matter');
  });
});

describe('front matter problems, at their real line in the file', () => {
  it('invalid YAML is reported at its line and column in the Markdown file, not in the YAML', () => {
    const { runbook, diagnostics } = parse('---\ntitle: YAML roto\nowner: equipo: datos\n---\n# T\n\n```sh\necho\n```\n', '/x/roto.md');
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`)).toEqual([
      '3:8 yaml-syntax Invalid YAML: Nested mappings are not allowed in compact mappings',
    ]);
    // The rest of the file still loads, as plain Markdown would.
    expect(runbook).toMatchObject({ id: 'roto', title: 'T' });
    expect(runbook.steps).toHaveLength(1);
  });

  it('duplicate keys are invalid YAML at the second key', () => {
    expect(brief(parse('---\nid: A\ntitle: t\nid: B\n---\n').diagnostics)).toEqual(['4:1 error yaml-syntax']);
  });

  it('YAML that parses but cannot be read (an alias with no anchor) is invalid YAML at the alias', () => {
    const { diagnostics } = parse('---\nid: RB-1\ntitle: *nope\n---\n');
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`)).toEqual([
      '3:8 yaml-syntax Invalid YAML: Unresolved alias (the anchor must be set before the alias): nope',
    ]);
  });

  it('front matter that is not a mapping is a shape error', () => {
    expect(brief(parse('---\n- a\n- b\n---\n').diagnostics)).toEqual(['2:1 error frontmatter-shape']);
  });

  it('a value of the wrong type is a shape error at the value', () => {
    const { diagnostics } = parse('---\nid: RB-1\nseverity: urgent\n---\n');
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`)).toEqual([
      '3:11 frontmatter-shape Unexpected value at `severity`: expected one of "critical", "high", "medium", "low"',
    ]);
  });

  it('nested values of the wrong type point into the nesting', () => {
    expect(brief(parse('---\nparams:\n  HOST:\n    required: maybe\n---\n').diagnostics)).toEqual(['4:15 error frontmatter-shape']);
    expect(brief(parse('---\npreconditions:\n  - name: x\n    run: y\n    severity: fatal\n---\n').diagnostics)).toEqual(['5:15 error frontmatter-shape']);
  });

  it('bad durations are shape errors at the value, escalation.after included', () => {
    const { diagnostics } = parse('---\ntimeout: abc\nestimated: 5x\ndowntime: 1h\nescalation:\n  after: soon\n---\n');
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`)).toEqual([
      '3:12 frontmatter-shape Unexpected `5x` for `estimated`, expected a duration like `30s`, `5m` or `1h`',
      '2:10 frontmatter-shape Unexpected `abc` for `timeout`, expected a duration like `30s`, `5m` or `1h`',
      '6:10 frontmatter-shape Unexpected `soon` for `escalation.after`, expected a duration like `30s`, `5m` or `1h`',
    ]);
  });

  it('param names must be variable names; only one default environment', () => {
    expect(brief(parse('---\nparams:\n  1BAD: {}\n---\n').diagnostics)).toEqual(['3:9 error frontmatter-shape']);
    expect(brief(parse('---\nenvironments:\n  a: {default: true}\n  b: {default: true}\n---\n').diagnostics)).toEqual(['4:6 error frontmatter-shape']);
  });

  it('unknown keys are warnings with a suggestion, and the rest still loads', () => {
    const { runbook, diagnostics } = parse('---\nid: RB-3\ntittle: x\n---\n');
    expect(diagnostics).toMatchObject([
      {
        file: 'test.md',
        line: 3,
        column: 1,
        severity: 'warning',
        rule: 'frontmatter-unknown-key',
        message: 'Unexpected front matter key `tittle`, expected one of 19 known keys (did you mean `title`?)',
      },
    ]);
    expect(runbook.id).toBe('RB-3');
  });

  it('params: default must match pattern and choices; pattern must be a valid regex', () => {
    const markdown = '---\nparams:\n  A:\n    pattern: "[0-9]+"\n    default: x\n  B:\n    choices: [a, b]\n    default: z\n  C:\n    pattern: "("\n---\n';
    expect(brief(parse(markdown).diagnostics)).toEqual(['5:14 error param-default', '8:14 error param-default', '10:14 error param-pattern']);
  });

  it('mask entries must be valid regexes; a protected default environment is a warning', () => {
    expect(brief(parse('---\nmask: ["ok", "("]\n---\n').diagnostics)).toEqual(['2:14 error mask-pattern']);
    expect(brief(parse('---\nenvironments:\n  prod: {protected: true, default: true}\n---\n').diagnostics)).toEqual(['3:9 warning environment-default-protected']);
  });
});
