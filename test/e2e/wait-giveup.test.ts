// `wait` with `giveup`: the real CLI, a real shell. A check that exits with a `giveup` status ends
// the wait at that try: the run fails at once (a one-hour budget would otherwise keep it polling
// far past the test's timeout), the screen and the report say why, and the journal keeps the
// reason as a key with its data.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'dist', 'engine', 'cli', 'bin.js');
const dirs: string[] = [];

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const runbook = `---
id: GIVEUP
title: Espera con giveup
---
# Espera con giveup

## Esperar al servicio

El primer intento falla como "todavía no"; el segundo ve que el servicio no va a volver solo.

\`\`\`bash { id=wait-up wait=1h interval=1s giveup=3 }
echo intento >> "$TRIES"
if [ "$(wc -l < "$TRIES")" -ge 2 ]; then echo "el servicio se reinicia en bucle" >&2; exit 3; fi
exit 1
\`\`\`

## Después

\`\`\`bash { id=after }
echo after >> "$TRIES"
\`\`\`
`;

describe('wait with giveup, through the CLI', () => {
  it('the giveup status ends the wait: the run fails at that try, and the screen, the report and the journal say why', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-giveup-'));
    dirs.push(dir);
    const file = join(dir, 'giveup.md');
    writeFileSync(file, runbook);
    const tries = join(dir, 'tries');
    const env = { ...process.env, RUNBOOK_STATE_DIR: join(dir, 'state'), RUNBOOK_CACHE_DIR: join(dir, 'cache'), RUNBOOK_LOCK_DIR: join(dir, 'locks'), RUNBOOK_LANG: 'en', NO_COLOR: '1', TRIES: tries };
    const lint = spawnSync(process.execPath, [bin, 'lint', '--strict', file], { encoding: 'utf8', env });
    expect(lint.status, lint.stdout + lint.stderr).toBe(0);
    const r = spawnSync(process.execPath, [bin, 'play', file, '--yes'], { encoding: 'utf8', env, timeout: 60_000 });
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(readFileSync(tries, 'utf8')).toBe('intento\nintento\n');
    const screen = r.stdout + r.stderr;
    expect(screen).toContain('el servicio se reinicia en bucle');
    expect(screen).toContain('gave up after 2 checks: exit status 3 is one of its giveup statuses');
    const [run] = readdirSync(join(dir, 'state', 'runs'));
    const runDir = join(dir, 'state', 'runs', run ?? '');
    const events = readFileSync(join(runDir, 'journal.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { type: string; step?: string; reason?: unknown });
    expect(events.filter((e) => e.type === 'step-finished')).toEqual([expect.objectContaining({ step: 'wait-up', status: 'failed', exitCode: 3, reason: { key: 'reason.waitGaveUp', data: { count: 2, code: 3 } } })]);
    expect(readFileSync(join(runDir, 'report.md'), 'utf8')).toContain('gave up after 2 checks: exit status 3 is one of its giveup statuses');
  });
});
