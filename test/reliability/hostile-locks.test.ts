// The shared lock directory against another local user (rbhostile): nothing is
// followed, chmodded or written that the engine did not just create; no path
// named in a lock is opened; the holder is the file's owner; exclusion holds
// across users; a stale lock has exactly one taker. Run as root and as rbhostile.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lchownSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { until } from './cli.js';
import { HOSTILE, canTest, hostileWorld, type Who } from './hostile.js';

const h = hostileWorld();
afterAll(() => h.cleanup());

const quick = (id: string) => h.base + '/' + write(`${id}.md`, `---\nid: ${id}\ntitle: T\n---\n# T\n\n## S\n\n\`\`\`bash\ntrue\n\`\`\`\n`);
function write(name: string, text: string): string {
  writeFileSync(join(h.base, name), text, { mode: 0o644 });
  return name;
}
const marks = join(h.base, 'marks');
mkdirSync(marks);
chmodSync(marks, 0o777);
/** A runbook whose step records its shell's pid, then waits for `go`: it holds the lock until the test says so. */
const waiting = (id: string, tag: string) =>
  h.base + '/' + write(`${id}.md`, `---\nid: ${id}\ntitle: T\n---\n# T\n\n## S\n\n\`\`\`bash\necho $$ >> "${marks}/${tag}.runs"\nwhile [ ! -e "${marks}/${tag}.go" ]; do sleep 0.05; done\n\`\`\`\n`);
const runsOf = (tag: string) => (existsSync(join(marks, `${tag}.runs`)) ? readFileSync(join(marks, `${tag}.runs`), 'utf8').split('\n').filter(Boolean) : []);

/** A lock directory owned by root, mode 1777, as the engine makes it. */
const shared = join(h.base, 'locks');
const lockOf = (id: string) => join(shared, `${id.toLowerCase()}--default.lock`);
const pid1Start = () => readFileSync('/proc/1/stat', 'latin1').split(') ')[1]?.split(' ')[19] ?? '0';
const forged = (fields: Record<string, unknown>) => JSON.stringify({ user: 'root', host: hostname(), since: '2020-01-01T00:00:00.000Z', runId: 'forged', ...fields }).replace(/'/g, '');

describe.skipIf(!canTest)('locks against another local user', () => {
  it('the engine creates the shared directory root-owned, mode 1777', () => {
    expect(h.play('root', shared, [quick('FIRST'), '--yes']).code).toBe(0);
    const st = statSync(shared);
    expect([st.uid, st.mode & 0o7777]).toEqual([0, 0o1777]);
  });

  it.each<Who>(['root', HOSTILE])('a symlinked lock directory is refused and what it points to is untouched (%s plays)', (who) => {
    const victim = join(h.base, `victim-dir-${who}`);
    mkdirSync(victim, { mode: 0o755 });
    const link = join(h.base, `link-${who}`);
    expect(h.sh(HOSTILE, `ln -s '${victim}' '${link}'`).code).toBe(0);
    const r = h.play(who, link, [quick('LINKED'), '--yes']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/is not a directory/);
    expect(statSync(victim).mode & 0o7777).toBe(0o755);
    expect(readdirSync(victim)).toEqual([]);
  });

  it('a lock directory owned by another ordinary user is not trusted by root, and the refusal names the owner', () => {
    const theirs = join(h.base, 'their-locks');
    expect(h.sh(HOSTILE, `mkdir '${theirs}' && chmod 1777 '${theirs}'`).code).toBe(0);
    const r = h.play('root', theirs, [quick('THEIRS'), '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`belongs to user ${HOSTILE}`);
    expect(readdirSync(theirs)).toEqual([]);
    expect(h.play(HOSTILE, theirs, [quick('THEIRS'), '--yes']).code).toBe(0); // its owner's own directory
  });

  it('garbage in a lock and planted temp-file symlinks never make root write through them', () => {
    const victim = join(h.base, 'victim.txt');
    writeFileSync(victim, 'precious\n', { mode: 0o600 });
    const probe = spawnSync('sh', ['-c', 'echo $$'], { encoding: 'utf8' });
    const next = Number(probe.stdout.trim());
    const lock = lockOf('PLANT');
    expect(h.sh(HOSTILE, `printf garbage > '${lock}'`).code).toBe(0);
    // Planted in this process (a shell loop would use up the very pids it plants for), then given to rbhostile.
    for (let pid = next; pid < next + 3000; pid++) {
      symlinkSync(victim, `${lock}.${pid}.tmp`);
      lchownSync(`${lock}.${pid}.tmp`, h.uid, h.gid);
    }
    const r = h.play('root', shared, [quick('PLANT'), '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(statSync(victim).mode & 0o777).toBe(0o600);
  });

  it('a planted takeover claim denies service by name only, until --force; nothing is written through it', () => {
    const victim = join(h.base, 'victim2.txt');
    writeFileSync(victim, 'precious\n', { mode: 0o600 });
    const lock = lockOf('CLAIM');
    expect(h.sh(HOSTILE, `printf garbage > '${lock}'; ln -s '${victim}' '${lock}.takeover'`).code).toBe(0);
    const refused = h.play('root', shared, [quick('CLAIM'), '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`left unfinished by user ${HOSTILE}`);
    const forced = h.play('root', shared, [quick('CLAIM'), '--yes', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(existsSync(`${lock}.takeover`)).toBe(false);
  });

  it('a forged lock claiming root pid 1 is refused in the name of its real owner; with another start time it is stale', () => {
    const lock = lockOf('FORGED');
    expect(h.sh(HOSTILE, `printf '%s' '${forged({ pid: 1 })}' > '${lock}'`).code).toBe(0);
    const refused = h.play('root', shared, [quick('FORGED'), '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`in progress: ${HOSTILE}@`);
    expect(refused.stderr).not.toContain('root@');
    expect(h.sh(HOSTILE, `rm -f '${lock}'; printf '%s' '${forged({ pid: 1, start: String(Number(pid1Start()) + 1) })}' > '${lock}'`).code).toBe(0);
    const taken = h.play('root', shared, [quick('FORGED'), '--yes']);
    expect(taken.code, taken.stderr).toBe(0);
  });

  it('a FIFO or /dev/zero named in a forged lock, or a FIFO as the lock, is never opened or waited on', () => {
    const fifoRun = join(h.base, 'fifo-run');
    const zeroRun = join(h.base, 'zero-run');
    expect(h.sh(HOSTILE, `mkdir '${fifoRun}' '${zeroRun}' && mkfifo '${fifoRun}/journal.jsonl' && ln -s /dev/zero '${zeroRun}/journal.jsonl'`).code).toBe(0);
    for (const [id, runDir] of [['FIFO', fifoRun], ['ZERO', zeroRun]] as const) {
      expect(h.sh(HOSTILE, `printf '%s' '${forged({ pid: 2147483646, runDir, journal: `${runDir}/journal.jsonl` })}' > '${lockOf(id)}'`).code).toBe(0);
      const r = h.play('root', shared, [quick(id), '--yes']);
      expect(r.code, `${id}: ${r.stderr}`).toBe(0);
    }
    expect(h.sh(HOSTILE, `mkfifo '${lockOf('LOCKFIFO')}'`).code).toBe(0);
    const r = h.play('root', shared, [quick('LOCKFIFO'), '--yes']);
    expect(r.code, r.stderr).toBe(0);
  });

  it.each<[Who, Who]>([['root', HOSTILE], [HOSTILE, 'root']])('a run by %s excludes a run by %s, who cannot remove its lock', async (holder, other) => {
    const tag = `cross-${holder}`;
    const file = waiting(`CROSS${holder === 'root' ? 'A' : 'B'}`, tag);
    const first = h.start(holder, shared, [file, '--yes']);
    const closed = new Promise((done) => first.on('close', done));
    await until(() => runsOf(tag).length === 1, 30_000, 'the first run to start its step');
    const lock = lockOf(`CROSS${holder === 'root' ? 'A' : 'B'}`);
    if (other !== 'root') expect(h.sh(other, `rm -f '${lock}'`).code).not.toBe(0);
    expect(existsSync(lock)).toBe(true);
    const second = h.play(other, shared, [file, '--yes']);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`in progress: ${holder}@`);
    writeFileSync(join(marks, `${tag}.go`), '');
    await closed;
    expect(runsOf(tag)).toHaveLength(1);
  });

  it.each<Who>(['root', HOSTILE])('10 concurrent plays after a stale lock: exactly one runs (%s)', async (who) => {
    const id = `STALE${who === 'root' ? 'A' : 'B'}`;
    const tag = `stale-${who}`;
    const file = waiting(id, tag);
    expect(h.sh(who, `printf '%s' '${forged({ pid: 1, start: String(Number(pid1Start()) + 1) })}' > '${lockOf(id)}'`).code).toBe(0);
    const codes: (number | null)[] = [];
    const outputs: string[] = [];
    const closed = Array.from({ length: 10 }, () => {
      const child = h.start(who, shared, [file, '--yes']);
      let err = '';
      child.stderr?.on('data', (c) => (err += String(c)));
      return new Promise<void>((done) =>
        child.on('close', (code) => {
          codes.push(code);
          outputs.push(err);
          done();
        }),
      );
    });
    // Every play has either lost (exited) or started its step (holds the lock and waits for `go`).
    await until(() => codes.length + runsOf(tag).length >= 10, 60_000, 'every play to lose or start');
    expect(runsOf(tag)).toHaveLength(1);
    writeFileSync(join(marks, `${tag}.go`), '');
    await Promise.all(closed);
    expect(codes.filter((c) => c === 0)).toHaveLength(1);
    expect(outputs.filter((o) => o.includes('in progress'))).toHaveLength(9);
  }, 180_000);
});
