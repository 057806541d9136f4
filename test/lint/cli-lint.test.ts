/** `runbook lint` through the built CLI: every broken fixture, exit codes, --strict and the output formats. */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BROKEN } from './expected.js';
import { removeTempDirs, runCli, stackLines, tempDir } from './run-cli.js';

const line = (d: { file: string; line: number; column: number; severity: string; rule: string; message: string }) =>
  `${d.file}:${d.line}:${d.column}  ${d.severity}  ${d.rule}  ${d.message}`;

afterAll(removeTempDirs);

/** `info` lines of fixtures about other rules (their `systemctl stop` is inferred destructive) are not what they test. */
const INFO_FIXTURES = new Set(BROKEN.filter((b) => b.diagnostic.severity === 'info').map((b) => b.diagnostic.file));
const relevant = (stdout: string) => stdout.split('\n').filter((l) => l !== '' && (!/^\S+:\d+:\d+ {2}info {2}/.test(l) || INFO_FIXTURES.has(l.split(':')[0] ?? ''))).map((l) => `${l}\n`).join('');

describe('runbook lint <broken fixture>', () => {
  it.each(BROKEN.map((b) => [b.target, b] as const))('%s', (target, fixture) => {
    const result = runCli(['lint', target]);
    expect(relevant(result.stdout)).toBe(`${line(fixture.diagnostic)}\n`);
    expect(result.code).toBe(fixture.diagnostic.severity === 'error' ? 1 : 0);
    expect(stackLines(result.stdout + result.stderr)).toEqual([]);
    const summary = { error: /^1 error\(s\), 0 warning\(s\) in \d files?\n$/, warning: /^0 error\(s\), 1 warning\(s\) in 1 file\n$/, info: /^✓ 1 file, no problems\n$/ };
    expect(result.stderr).toMatch(summary[fixture.diagnostic.severity]);
  });

  it('reports every problem of a folder at once', () => {
    const result = runCli(['lint', 'test/fixtures/broken']);
    expect(result.code).toBe(1);
    const expected = BROKEN.map((b) => line(b.diagnostic)).sort();
    expect(relevant(result.stdout).trimEnd().split('\n').sort()).toEqual(expected);
    expect(result.stderr).toBe(`${BROKEN.filter((b) => b.diagnostic.severity === 'error').length} error(s), ${BROKEN.filter((b) => b.diagnostic.severity === 'warning').length} warning(s) in 34 files\n`);
  });
});

describe('--lang es', () => {
  it('says every diagnostic in Spanish, with the same positions and English rule ids', () => {
    const english = runCli(['lint', 'test/fixtures/broken', '--lang', 'en']);
    const spanish = runCli(['lint', 'test/fixtures/broken', '--lang', 'es']);
    expect(spanish.code).toBe(1);
    const parse = (text: string) => text.trimEnd().split('\n').map((l) => /^(\S+:\d+:\d+) {2}(\S+) {2}(\S+) {2}(.+)$/.exec(l)?.slice(1) ?? [l]);
    const en = parse(english.stdout);
    const es = parse(spanish.stdout);
    expect(es.map(([at, , rule]) => `${at} ${rule}`)).toEqual(en.map(([at, , rule]) => `${at} ${rule}`));
    expect(new Set(es.map(([, severity]) => severity))).toEqual(new Set(['error', 'aviso', 'info']));
    for (const [i, row] of es.entries()) {
      const message = row[3] as string;
      expect(message, row[0]).not.toMatch(/\b(Unexpected|expected|did you mean)\b/);
      expect(message, row[0]).not.toBe(en[i]?.[3]);
    }
    expect(spanish.stdout).toContain("test/fixtures/broken/attribute-unknown.md:3:18  error  attribute-unknown  Atributo `destrutive` inesperado; se esperaba uno de los atributos de un paso (¿quiso decir `destructive`?)\n");
    expect(spanish.stdout).toContain('test/fixtures/broken/file-unreadable/latin1.md:1:1  error  file-unreadable  test/fixtures/broken/file-unreadable/latin1.md no es texto UTF-8 válido');
    expect(spanish.stderr).toMatch(/error\(es\)|errores/);
  });

  it('keeps messageId and data in JSON, with the message in Spanish', () => {
    const result = runCli(['lint', 'test/fixtures/broken/needs-unknown.md', '--json', '--lang', 'es']);
    expect((JSON.parse(result.stdout) as { diagnostics: { severity: string }[] }).diagnostics.filter((d) => d.severity !== 'info')).toEqual([
      {
        file: 'test/fixtures/broken/needs-unknown.md',
        line: 7,
        column: 21,
        severity: 'error',
        rule: 'needs-unknown',
        message: '`needs=prar` inesperado; se esperaba el id de un paso de este runbook (¿quiso decir `parar`?)',
        messageId: 'step-unknown',
        data: { key: 'needs', id: 'prar', hint: { messageId: 'did-you-mean', data: { name: 'parar' } } },
      },
    ]);
  });
});

describe('--strict', () => {
  it('turns warnings into errors and fails', () => {
    const plain = runCli(['lint', 'test/fixtures/broken/needs-ignored.md']);
    expect(plain.code).toBe(0);
    const strict = runCli(['lint', 'test/fixtures/broken/needs-ignored.md', '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/^test\/fixtures\/broken\/needs-ignored\.md:7:30 {2}error {2}needs-ignored {2}Unexpected `needs`/m);
  });

  it('leaves a clean runbook clean', () => {
    const result = runCli(['lint', 'test/fixtures/format', '--strict']);
    expect({ ...result, stdout: relevant(result.stdout) }).toEqual({ code: 0, stdout: '', stderr: '✓ 4 files, no problems\n' });
  });
});

describe('--format', () => {
  it('json: counts and the list of diagnostics on stdout', () => {
    const result = runCli(['lint', 'test/fixtures/broken/cycle.md', 'test/fixtures/broken/no-steps.md', '--format', 'json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({
      files: 2,
      errors: 1,
      warnings: 1,
      diagnostics: [BROKEN.find((b) => b.diagnostic.rule === 'cycle')?.diagnostic, BROKEN.find((b) => b.diagnostic.rule === 'no-steps')?.diagnostic],
    });
    expect(runCli(['lint', 'test/fixtures/broken/cycle.md', '--json']).stdout).toBe(runCli(['lint', 'test/fixtures/broken/cycle.md', '--format', 'json']).stdout);
  });

  it('github: workflow annotations', () => {
    const result = runCli(['lint', 'test/fixtures/broken/attribute-value.md', 'test/fixtures/broken/frontmatter-unknown-key.md', '--format', 'github']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        '::error file=test/fixtures/broken/attribute-value.md,line=3,col=20,title=attribute-value::Unexpected `abc` for `timeout`, expected a duration like `30s`, `5m` or `1h`',
        '::warning file=test/fixtures/broken/frontmatter-unknown-key.md,line=3,col=1,title=frontmatter-unknown-key::Unexpected front matter key `ownr`, expected one of 19 known keys (did you mean `owner`?)',
        '',
      ].join('\n'),
    );
  });

  it('an unknown format is a usage error', () => {
    const result = runCli(['lint', 'test/fixtures/format', '--format', 'xml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('invalid value "xml" for --format, expected one of: text, json, github');
  });
});

describe('usage errors exit 2', () => {
  it('an unknown flag', () => {
    const result = runCli(['lint', '--bogus']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('error: unknown option --bogus for `runbook lint`\nRun `runbook lint --help` for usage.\n');
  });

  it('a missing path', () => {
    const result = runCli(['lint', 'test/fixtures/no-such-dir']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error: path test/fixtures/no-such-dir does not exist');
    expect(result.stdout).toBe('');
  });
});

describe('unreadable files are diagnostics, not crashes', () => {
  it('binary, non-UTF-8 and a dangling symlink in a folder each give file-unreadable', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'rb'));
    writeFileSync(join(dir, 'rb/bin.md'), Buffer.from([0x23, 0x20, 0x00, 0xff]));
    writeFileSync(join(dir, 'rb/latin1.md'), Buffer.from('# Configuraci\xf3n\n\n```sh\necho\n```\n', 'latin1'));
    symlinkSync(join(dir, 'rb/gone.md'), join(dir, 'rb/dangling.md'));
    const result = runCli(['lint', 'rb'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        'rb/bin.md:1:1  error  file-unreadable  rb/bin.md is a binary file (NUL byte at offset 2), expected Markdown text',
        'rb/dangling.md:1:1  error  file-unreadable  rb/dangling.md is a symbolic link to a file that does not exist',
        'rb/latin1.md:1:1  error  file-unreadable  rb/latin1.md is not valid UTF-8 text',
        '',
      ].join('\n'),
    );
    expect(stackLines(result.stdout + result.stderr)).toEqual([]);
  });

  it('a file given by name that is not Markdown text', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'image.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]));
    const result = runCli(['lint', 'image.md'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('image.md:1:1  error  file-unreadable  image.md is a binary file (NUL byte at offset 4), expected Markdown text\n');
  });
});

describe('one stage failing never hides the problems of another', () => {
  it('a wrong front matter value and a duplicate step id: every problem of the file is reported', () => {
    const dir = tempDir('runbook-many-');
    writeFileSync(join(dir, 'many.md'), [
      '---', 'id: MANY-1', 'severity: urgent', 'estimated: mucho', 'timeout: nunca', 'lang: 12',
      'params:', '  A:', '    default: "abc"', "    pattern: '[0-9]+'", "mask: ['(']", '---', '# Muchos', '',
      '```bash { id=parar }', 'echo 1', '```', '', '```bash { id=parar needs=nada }', 'echo 2', '```', '',
    ].join('\n'));
    const result = runCli(['lint', 'many.md', '--lang', 'en'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout.trimEnd().split('\n').map((l) => l.split('  ').slice(0, 3).join(' '))).toEqual([
      'many.md:3:11 error frontmatter-shape',
      'many.md:4:12 error frontmatter-shape',
      'many.md:5:10 error frontmatter-shape',
      'many.md:6:7 error frontmatter-shape',
      'many.md:9:14 error param-default',
      'many.md:11:8 error mask-pattern',
      'many.md:19:11 error duplicate-id',
      'many.md:19:20 error needs-unknown',
    ]);
    expect(result.stderr).toBe('8 error(s), 0 warning(s) in 1 file\n');
  });
});
