// The shipped runbooks: lint clean with --strict, dry-run non-interactively
// showing their whole plan without executing anything, and an index
// (runbooks/README.md) that is never out of date.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'dist', 'engine', 'cli', 'bin.js');
const work = mkdtempSync(join(tmpdir(), 'runbook-shipped-'));
const shims = join(work, 'bin');
const marker = join(work, 'executed.log');

// Every command a runbook could call records itself here: in a dry run none may run.
const SHIMMED = ['docker', 'curl', 'jq', 'psql', 'pg_dump', 'mysql', 'mysqldump', 'gzip', 'gunzip', 'systemctl', 'openssl', 'ssh', 'rm', 'cp', 'mv', 'tar', 'df', 'free', 'du', 'find', 'sudo'];
spawnSync('mkdir', ['-p', shims]);
for (const name of SHIMMED) {
  writeFileSync(join(shims, name), `#!/bin/sh\necho "${name} $*" >> "${marker}"\n`);
  chmodSync(join(shims, name), 0o755);
}

function cli(args: string[], extraEnv: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: work,
    encoding: 'utf8',
    input: '',
    env: { ...process.env, PATH: `${shims}:${process.env.PATH}`, RUNBOOK_STATE_DIR: join(work, 'state'), RUNBOOK_CACHE_DIR: join(work, 'cache'), RUNBOOK_LOCK_DIR: join(work, 'locks'), RUNBOOK_LANG: 'en', NO_COLOR: '1', ...extraEnv },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Row {
  id: string;
  aliases: string[];
  tags: string[];
  path: string;
}

const rows = JSON.parse(cli(['list', '--json']).stdout) as Row[];

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('shipped runbooks', () => {
  it('include the procedures of every source manual', () => {
    const ids = rows.map((r) => r.id);
    for (const id of ['SOP-001', 'SOP-002', 'SOP-003', 'SOP-004', 'RB-01', 'RB-02', 'RB-03']) expect(ids).toContain(id);
    const aliases = rows.flatMap((r) => r.aliases);
    for (const alias of ['daily-health', 'restart-backend', 'emergency-backup', 'escalate', 'restore-db', 'rotate-secrets', 'high-latency']) expect(aliases).toContain(alias);
    expect(rows.length).toBeGreaterThanOrEqual(25);
  });

  it('cover every operator procedure of manuals 000, 001 and 003 with a runbook of its own', () => {
    const ids = rows.map((r) => r.id);
    for (let n = 1; n <= 9; n++) expect(ids).toContain(`SOC-0${n}`);
    for (let n = 1; n <= 20; n++) expect(ids).toContain(`TKA-${String(n).padStart(2, '0')}`);
    for (let n = 1; n <= 8; n++) expect(ids).toContain(`PAW-0${n}`);
  });

  it('tag incidents in Spanish: `--tag incidente` finds every incident runbook of 000, 001 and 003', () => {
    const tagged = (JSON.parse(cli(['list', '--tag', 'incidente', '--json']).stdout) as Row[]).map((r) => r.id);
    for (const id of ['SOC-04', 'SOC-05', 'SOC-06', 'TKA-07', 'TKA-08', 'TKA-09', 'TKA-16', 'TKA-20', 'RB-01', 'RB-03']) expect(tagged).toContain(id);
    const english = ['incident', 'maintenance', 'backup', 'restore', 'deploy', 'rollback', 'startup', 'daily', 'weekly', 'monthly'];
    for (const r of rows.filter((r) => /^(SOC|TKA|PAW|RB)-/.test(r.id))) for (const t of r.tags) expect(english, `${r.id}: ${t}`).not.toContain(t);
  });

  it('escalate Ticketero API runbooks by 001\'s matrix, with each level\'s support hours', () => {
    const after: Record<string, string> = { critical: '15m', high: '1h', medium: '4h', low: '24h' };
    const levels: Record<string, number> = { critical: 3, high: 2, medium: 1, low: 1 };
    for (const r of rows.filter((r) => r.id.startsWith('TKA-'))) {
      const text = readFileSync(join(root, 'runbooks', r.path.replace(/^.*runbooks\//, '')), 'utf8');
      const severity = /^severity: (\w+)$/m.exec(text)?.[1] as string;
      expect(text, r.id).toMatch(new RegExp(`^escalation:\\n  after: ${after[severity]}\\n`, 'm'));
      expect(text.match(/^ {4}- "Nivel \d · .+ \(.+\) — /gm)?.length, r.id).toBe(levels[severity]);
      expect(text, r.id).not.toContain('TICKETERO_API_TAG');
    }
  });

  it('write every dump private (umask 077) in the 000, 001 and 003 runbooks', () => {
    for (const r of rows.filter((r) => /^(SOC|TKA|PAW|RB)-/.test(r.id))) {
      const text = readFileSync(join(root, 'runbooks', r.path.replace(/^.*runbooks\//, '')), 'utf8');
      for (const block of text.split(/^```/m).filter((b) => /^bash/.test(b) && /pg_dump[\s\S]*?\|\s*gzip|pg_basebackup -U/.test(b) && !/--schema-only/.test(b))) {
        expect(block, r.id).toContain('umask 077');
      }
    }
  });

  it('lint clean with --strict', () => {
    const result = cli(['lint', join(root, 'runbooks'), '--strict']);
    // `info` lines say what the engine inferred (never failing --strict); nothing else may be printed.
    expect(result.stdout.split('\n').filter((l) => l !== '' && !/^\S+:\d+:\d+ {2}info {2}/.test(l))).toEqual([]);
    expect(result.code).toBe(0);
  });

  it('tag the course practice by day', () => {
    for (const day of ['dia-1', 'dia-2', 'dia-3', 'dia-4', 'dia-5']) {
      const tagged = JSON.parse(cli(['list', '--tag', day, '--json']).stdout) as Row[];
      expect(tagged.length, day).toBeGreaterThan(0);
    }
  });

  it.each(rows.map((r) => [r.id]))('%s dry-runs without executing anything and shows its whole plan', (id) => {
    rmSync(marker, { force: true });
    const result = cli(['play', id, '--dry-run', '--yes']);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('DRY RUN');
    expect(existsSync(marker) ? readFileSync(marker, 'utf8') : '').toBe('');
    const graph = JSON.parse(cli(['graph', id, '--json']).stdout) as { flow: string[] };
    const shown = [...result.stdout.matchAll(/^▶ \d+\/\d+ (\S+)/gm)].map((m) => m[1]);
    expect(shown).toEqual(graph.flow);
  });

  describe('INATrace and maintenance runbooks (manuals 002 and 004)', () => {
    const ours = rows.filter((r) => /(^|\/)(inatrace|mantenimiento)\//.test(r.path));
    const show = (id: string) => JSON.parse(cli(['show', id, '--json']).stdout) as { frontMatter: { description?: string; tags: string[]; escalation?: { after?: string; contacts: string[] } } };

    it('include a runbook for every procedure of the coverage table', () => {
      const ids = ours.map((r) => r.id);
      const expected = ['SOP-001', 'SOP-002', 'SOP-003', 'SOP-004', 'MW-01', ...Array.from({ length: 28 }, (_, i) => `INA-${String(i + 1).padStart(2, '0')}`)];
      expect([...ids].sort()).toEqual([...expected].sort());
      const coverage = readFileSync(join(root, 'docs', 'coverage.md'), 'utf8');
      for (const id of expected) expect(coverage, id).toContain(id);
    });

    it.each(ours.map((r) => [r.id]))('%s names its source, escalates per the manuals and has Spanish tags', (id) => {
      const fm = show(id).frontMatter;
      expect(fm.description ?? '').toMatch(/^Fuente: manual 00[24]/);
      expect(fm.escalation?.after).toBeDefined();
      expect(fm.escalation?.contacts.length).toBeGreaterThan(0);
      expect(fm.escalation?.contacts.join(' ')).not.toMatch(/SOP-004/);
      for (const tag of fm.tags) expect(['backup', 'restore', 'rollback', 'incident', 'deploy', 'maintenance', 'diagnostico', 'actualizacion'], tag).not.toContain(tag);
    });

    it('make private dumps and pass MySQL-only options only where supported', () => {
      for (const r of ours) {
        const text = readFileSync(join(root, 'runbooks', r.path.replace(/^.*?runbooks\//, '')), 'utf8');
        if (/\.sql\.gz/.test(text) && /gzip -9 >/.test(text)) expect(text, r.id).toContain('umask 077');
        if (text.includes('--set-gtid-purged')) expect(text, r.id).not.toMatch(/--set-gtid-purged=OFF "\$MYSQL_DATABASE"/);
      }
    });

    it('are listed with their source in runbooks/README.md', () => {
      const index = readFileSync(join(root, 'runbooks', 'README.md'), 'utf8');
      for (const r of ours) expect(index).toMatch(new RegExp(`^\\| ${r.id} \\| manual 00[24]`, 'm'));
    });
  });

  it('runbooks/README.md is the current index (`runbook list --format md`)', () => {
    const index = readFileSync(join(root, 'runbooks', 'README.md'), 'utf8');
    const table = cli(['list', '--format', 'md', '--dir', join(root, 'runbooks')]).stdout.trim();
    expect(index).toContain(table);
    const files = readdirSync(join(root, 'runbooks'), { recursive: true }).filter((f) => String(f).endsWith('.md') && !String(f).endsWith('README.md'));
    expect(files.length).toBe(rows.length);
  });
});
