// Hostile params reach commands as data only (environment variables), never
// as shell text; NUL bytes are refused; unreadable runbook files and an
// unusable state directory give clear errors and run nothing.
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { analyzeSource } from '../../engine/catalog/load-runbook.js';
import { createTranslator } from '../../engine/i18n/translate.js';
import { createProcessRunner } from '../../engine/process/spawn.js';
import { stopControl } from '../../engine/run/context.js';
import { createStyle } from '../../engine/run/operator/style.js';
import { createUi } from '../../engine/run/operator/ui.js';
import { play } from '../../engine/run/start.js';
import { BIN, world } from './cli.js';

const w = world();
afterAll(() => w.cleanup());

const echo = (out: string) => `---\nid: ECHO\ntitle: Eco\nparams:\n  X: { required: true }\n---\n# Eco\n\n## Eco\n\n\`\`\`bash\nprintf '%s' "$X" > "${out}"\n\`\`\`\n`;

describe('hostile params', () => {
  const hostile = fc.oneof(
    fc.constantFrom('$(touch pwned)', '; touch pwned', '`touch pwned`', '"; touch pwned; "', "' ; touch pwned '", 'a\nb\ttouch pwned', '$HOME ${PATH}', '\\$(touch pwned)', 'ñandú — ✓'),
    fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !s.includes('\0')),
  );

  // The property runs in process, with the real process runner and a real shell: one run costs a
  // spawn of bash, not of Node, so 100 values stay fast on a loaded machine.
  it('arrive byte for byte and are never executed (--param and RUNBOOK_PARAM_X)', async () => {
    const out = join(w.dir, 'value.txt');
    const loaded = await analyzeSource(echo(out), join(w.dir, 'echo.md'));
    const t = createTranslator('en');
    const runner = createProcessRunner();
    await fc.assert(
      fc.asyncProperty(hostile, fc.boolean(), async (value, viaEnv) => {
        const summary = await play({
          loaded, mode: 'real', selection: {}, attendance: { kind: 'unattended', allowDestructive: false },
          paramPairs: viaEnv ? [] : [`X=${value}`], stateDir: join(w.dir, 'state-inproc'), cwd: w.dir,
          env: { PATH: process.env.PATH ?? '', RUNBOOK_LOCK_DIR: join(w.dir, 'locks'), ...(viaEnv && { RUNBOOK_PARAM_X: value }) },
          runner, ui: createUi({ write: () => true }, createStyle(false), t), t, progress: 'silent', stop: stopControl(),
        });
        expect(summary.status).toBe('succeeded');
        expect(readFileSync(out, 'utf8')).toBe(value);
        expect(existsSync(join(w.dir, 'pwned'))).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('arrive byte for byte through the real CLI too', () => {
    const out = join(w.dir, 'value-cli.txt');
    const file = w.file('echo-cli.md', echo(out));
    for (const [value, viaEnv] of [['$(touch pwned); `touch pwned`', false], ['"; touch pwned; " ñandú', true]] as const) {
      const r = viaEnv ? w.run(['play', file, '--yes'], { RUNBOOK_PARAM_X: value }) : w.run(['play', file, '--yes', '--param', `X=${value}`]);
      expect(r.code, r.stderr).toBe(0);
      expect(readFileSync(out, 'utf8')).toBe(value);
    }
    expect(existsSync(join(w.dir, 'pwned'))).toBe(false);
  });

  it('a NUL byte is refused with a clear error before anything runs', () => {
    const out = join(w.dir, 'nul.txt');
    const file = w.file('nul.md', echo(out));
    const params = w.file('params.yaml', 'X: "a\\0b"\n');
    const r = w.run(['play', file, '--yes', '--params', params]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('param X contains a NUL byte');
    expect(existsSync(out)).toBe(false);
  });
});

describe('runbook files that cannot be read', () => {
  it.each([
    ['huge', (p: string) => writeFileSync(p, `# Grande\n\n${'x'.repeat(3 * 1024 * 1024)}\n`), /larger than the 2048 KiB/],
    ['binary', (p: string) => writeFileSync(p, Buffer.from([0x23, 0x20, 0x00, 0x01, 0x02])), /binary file/],
    ['latin1', (p: string) => writeFileSync(p, Buffer.from('# Canción\n\n\xf1and\xfa\n', 'latin1')), /not valid UTF-8/],
    ['dangling', (p: string) => symlinkSync(join(w.dir, 'nowhere.md'), p), /symbolic link to a file that does not exist/],
  ])('%s: show and play exit 2 naming the file, no stack trace', (name, make, message) => {
    const path = join(w.dir, `${name}.md`);
    make(path);
    for (const args of [['show', path], ['play', path, '--dry-run', '--yes']]) {
      const r = w.run(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${name}.md`);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('a state directory that cannot be written', () => {
  it('refuses to start with a clear message, and no step runs', () => {
    const marker = join(w.dir, 'ran');
    const file = w.file('state.md', `# Estado\n\n\`\`\`bash\ntouch "${marker}"\n\`\`\`\n`);
    writeFileSync(join(w.dir, 'not-a-dir'), 'x');
    const r = w.run(['play', file, '--yes', '--state-dir', join(w.dir, 'not-a-dir', 'state')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot create the run directory .*not-a-dir.*no step was run/);
    expect(existsSync(marker)).toBe(false);
  });
});

describe('awkward output', () => {
  it('binary, invalid UTF-8 and no trailing newline keep the journal valid and the run sane', () => {
    mkdirSync(join(w.dir, 'out'), { recursive: true });
    const file = w.file('binary.md', "# Binario\n\n## Bytes\n\n```bash\nhead -c 200000 /dev/urandom\nprintf '\\xff\\xfe fin sin salto'\n```\n\n## Después\n\n```bash\necho siguiente\n```\n");
    const r = w.run(['play', file, '--yes']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('siguiente');
    for (const journal of w.journals()) expect(journal.at(-1)?.type).toBe('run-finished');
  });

  // 100 MB is 50 times the log's cap: enough to show the cap and bounded memory; 1 GiB is in `npm run bench`.
  it('100 MB of output: the step log is capped (head, marker, tail) and memory stays bounded', { timeout: 180_000 }, () => {
    const file = w.file('big.md', '# Grande\n\n```bash\nhead -c 100000000 /dev/zero | tr "\\0" "a"\n```\n');
    const time = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', 'RSS_KB=%M'] : [];
    const r = spawnSync(time[0] ?? process.execPath, [...time.slice(1), ...(time.length ? [process.execPath] : []), BIN, 'play', file, '--yes'], { cwd: w.dir, encoding: 'utf8', env: { ...process.env, ...w.env }, maxBuffer: 1024 * 1024 * 1024 });
    expect(r.status).toBe(0);
    const log = w.stateFiles().find((f) => f.path.endsWith('.log') && f.path.includes('grande'));
    expect(log?.text.length).toBeLessThan(3 * 1024 * 1024);
    expect(log?.text).toMatch(/\d+ bytes omitted/);
    const rss = /RSS_KB=(\d+)/.exec(r.stderr);
    if (time.length) expect(Number(rss?.[1]) / 1024).toBeLessThan(200);
  });
});
