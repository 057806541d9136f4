// The terminal prompter reveals nothing about a secret: no echo, not even a
// mask character per key; "Edit command" edits a multi-line command in a
// private file (0600) in a private folder (0700), removed afterwards.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createInquirerPrompter } from '../../engine/run/operator/prompter-inquirer.js';

const dir = mkdtempSync(join(tmpdir(), 'runbook-prompter-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function terminal() {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (c: Buffer) => (shown += c.toString('utf8')));
  return { input, output, shown: () => shown };
}

describe('the terminal prompter', () => {
  it('a secret is typed without any echo', async () => {
    const t = terminal();
    const prompter = createInquirerPrompter(t.output, undefined, undefined, t.input);
    const answer = prompter.secret('Token');
    setImmediate(() => t.input.write('s3cr3t-typed\n'));
    expect(await answer).toBe('s3cr3t-typed');
    expect(t.shown()).not.toContain('s3cr3t');
    expect(t.shown()).not.toContain('•');
    expect(t.shown()).not.toContain('*');
  });

  it('a multi-line command is edited in a 0600 file in a private 0700 folder, removed afterwards', async () => {
    const record = join(dir, 'seen.txt');
    const fakeEditor = join(dir, 'editor.sh');
    writeFileSync(fakeEditor, `#!/bin/sh\nstat -c '%a %n' "$1" "$(dirname "$1")" > "${record}"\nprintf 'echo edited\\necho two\\n' > "$1"\n`);
    chmodSync(fakeEditor, 0o755);
    const before = { VISUAL: process.env.VISUAL, EDITOR: process.env.EDITOR };
    delete process.env.VISUAL;
    process.env.EDITOR = fakeEditor;
    try {
      const t = terminal();
      const prompter = createInquirerPrompter(t.output, undefined, undefined, t.input);
      const answer = prompter.text('Edit', { default: 'PGPASSWORD=hunter2 psql\necho one' });
      setImmediate(() => t.input.write('\n'));
      expect(await answer).toBe('echo edited\necho two\n');
    } finally {
      if (before.EDITOR === undefined) delete process.env.EDITOR;
      else process.env.EDITOR = before.EDITOR;
      if (before.VISUAL !== undefined) process.env.VISUAL = before.VISUAL;
    }
    const [file, folder] = readFileSync(record, 'utf8').trim().split('\n').map((l) => l.split(' '));
    expect(file?.[0]).toBe('600');
    expect(folder?.[0]).toBe('700');
    expect(folder?.[1]).not.toBe(tmpdir());
    expect(existsSync(folder?.[1] ?? '/')).toBe(false);
  });
});
