// Secrets never show: not on the terminal (even split across output chunks),
// not in the journal, step logs or any report format. Files are private.
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { world } from './cli.js';

const w = world();
afterAll(() => w.cleanup());

const SECRETS = ['hunter22-param', 'captured-s3cret-value', 'pg-literal-pass', 'url-pass-xyz', 'bearer-token-abcdef123', 'CUSTOM-123456'];

const runbook = `---
id: SECRETS
title: Secretos
mask: ['CUSTOM-[0-9]+']
params:
  DB_PASSWORD: { secret: true, required: true }
---
# Secretos

## Param secreto
\`\`\`bash
echo "param: $DB_PASSWORD"
\`\`\`

## Captura secreta
\`\`\`bash { capture=TOKEN secret }
printf 'captured-%s-value\n' s3cret
\`\`\`

## Uso de la captura, partida en dos trozos de salida
\`\`\`bash
echo "token: $TOKEN"
printf 'hunter'; sleep 0.3; printf '22-param\\n'
\`\`\`

## Patrones
\`\`\`bash
echo "PGPASSWORD=pg-literal-pass psql"
echo "postgres://app:url-pass-xyz@db:5432/app"
echo "Authorization: Bearer bearer-token-abcdef123"
echo "id CUSTOM-123456 fin" >&2
\`\`\`
`;

describe('secrets are masked everywhere', () => {
  it('terminal, journal, step logs and reports never contain a secret; files are 0600 and folders 0700', () => {
    const file = w.file('secrets.md', runbook);
    const r = w.run(['play', file, '--yes'], { RUNBOOK_PARAM_DB_PASSWORD: 'hunter22-param' });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const screen = r.stdout + r.stderr;
    expect(screen).toContain('param: ••••••');
    expect(screen).toContain('PGPASSWORD=••••••');
    for (const secret of SECRETS) expect(screen, secret).not.toContain(secret);
    const files = w.stateFiles();
    expect(files.some((f) => f.path.endsWith('report.html'))).toBe(true);
    expect(files.some((f) => f.path.endsWith('.log'))).toBe(true);
    for (const f of files) {
      for (const secret of SECRETS) expect(f.text, `${secret} in ${f.path}`).not.toContain(secret);
      expect(f.mode, f.path).toBe(0o600);
      expect(statSync(dirname(f.path)).mode & 0o777, dirname(f.path)).toBe(0o700);
    }
  });
});

describe('a secret step withholds everything it writes', () => {
  const md = `---
id: WITHHELD
params:
  KEY: { secret: true }
---
# Retenido

## Clave de varias líneas
\`\`\`bash { capture=CERT secret }
printf '%s-BEGIN-%s\\n%s-line-77\\n%s-END-%s\\n' multi cert mid multi cert
echo "stderr-leak-of-$(echo capture)" >&2
\`\`\`

## Usarla, en dos escrituras
\`\`\`bash
printf '%s\\n' "$CERT" | head -n 1; sleep 0.3; printf '%s\\n' "$CERT" | tail -n 2
\`\`\`

## Captura que no cumple su expect
\`\`\`bash { capture=OTHER secret }
echo "expect-secret-$(echo value)-42"
\`\`\`

\`\`\`text {expect}
something else
\`\`\`
`;
  const hidden = ['multi-BEGIN-cert', 'mid-line-77', 'multi-END-cert', 'stderr-leak-of-capture', 'expect-secret-value-42'];

  it('stderr, multi-line values split across writes and a failed expect of a secret capture never show or reach a file', () => {
    const file = w.file('withheld.md', md);
    const r = w.run(['play', file, '--yes']);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    const screen = r.stdout + r.stderr;
    for (const secret of hidden) expect(screen, secret).not.toContain(secret);
    const events = w.journalOf('WITHHELD');
    expect(events.find((e) => e.type === 'step-finished' && e.status === 'failed')).toMatchObject({ reason: { key: 'reason.expectMismatchSecret' } });
    for (const f of w.stateFiles()) for (const secret of hidden) expect(f.text, `${secret} in ${f.path}`).not.toContain(secret);
  });

  it('-p VALUE without NAME= is refused without echoing the value', () => {
    const file = w.file('withheld-p.md', md.replace('id: WITHHELD', 'id: WITHHELD-P'));
    const r = w.run(['play', file, '--yes', '-p', 'hunter2-no-name']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('expected NAME=VALUE');
    expect(r.stderr + r.stdout).not.toContain('hunter2-no-name');
  });
});
