/**
 * Images: Debian bases (pulled where a registry answers, else debootstrap +
 * `docker import` under the same tag), and the lab's Dockerfiles built on one
 * of them, tagged by the content hash of their build context and base, and reused.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { execa } from 'execa';
import { FailedError } from '../../errors.js';
import { LAB_LABEL, type LabLayout } from '../paths.js';
import type { Docker } from './cli.js';
import { ensureCommands } from './packages.js';

/** The Debian releases the lab builds on: bookworm (Debian 12) for every system, trixie (Debian 13) for INA-05's upgrade target. */
export type BaseSuite = 'bookworm' | 'trixie';

const MIRROR = 'http://deb.debian.org/debian';

export function baseImage(suite: BaseSuite): string {
  return `runbook-lab/debian:${suite}`;
}

/** Where debootstrap writes a suite's root: bookworm keeps the lab's historical `rootfs`. */
function rootfs(lab: LabLayout, suite: BaseSuite): string {
  return suite === 'bookworm' ? lab.rootfs : `${lab.rootfs}-${suite}`;
}

export async function imageExists(docker: Docker, ref: string): Promise<boolean> {
  return (await docker.run(['image', 'inspect', ref], { timeoutMs: 20_000 })).exitCode === 0;
}

export async function ensureBaseImage(docker: Docker, lab: LabLayout, suite: BaseSuite = 'bookworm'): Promise<'present' | 'pulled' | 'debootstrap'> {
  const tag = baseImage(suite);
  if (await imageExists(docker, tag)) return 'present';
  const pulled = await docker.run(['pull', `debian:${suite}`], { timeoutMs: 90_000 });
  if (pulled.exitCode === 0) {
    await docker.out(['tag', `debian:${suite}`, tag]);
    return 'pulled';
  }
  await ensureCommands(['debootstrap'], docker.env);
  const dir = rootfs(lab, suite);
  if (!existsSync(join(dir, 'etc', 'os-release'))) {
    rmSync(dir, { recursive: true, force: true });
    const r = await execa('debootstrap', ['--variant=minbase', suite, dir, MIRROR], { reject: false, all: true, timeout: 20 * 60_000 });
    if (r.exitCode !== 0) throw new FailedError('lab.debootstrapFailed', { detail: String(r.all ?? '').trim().split('\n').slice(-3).join(' | ') });
  }
  const imported = await execa('sh', ['-c', 'tar -C "$1" -c . | docker import --change "LABEL $2=$3" - "$4"', 'sh', dir, LAB_LABEL, lab.root, tag], {
    env: docker.env,
    extendEnv: false,
    reject: false,
    all: true,
  });
  if (imported.exitCode !== 0) throw new FailedError('lab.importFailed', { detail: String(imported.all ?? '').trim() });
  rmSync(dir, { recursive: true, force: true });
  return 'debootstrap';
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name))
    .sort();
}

/** `runbook-lab/NAME:<12 hex of the context's hash>`. */
export function imageTag(name: string, context: string, baseId: string): string {
  const hash = createHash('sha256').update(baseId);
  for (const f of files(context)) hash.update(relative(context, f)).update('\0').update(readFileSync(f)).update('\0');
  return `runbook-lab/${name}:${hash.digest('hex').slice(0, 12)}`;
}

export async function buildImage(docker: Docker, lab: LabLayout, name: string, context: string, suite: BaseSuite = 'bookworm'): Promise<{ tag: string; built: boolean }> {
  const base = baseImage(suite);
  const baseId = (await docker.out(['image', 'inspect', base, '--format', '{{.Id}}'])).trim();
  const tag = imageTag(name, context, baseId);
  if (await imageExists(docker, tag)) return { tag, built: false };
  const r = await docker.run(['build', '--label', `${LAB_LABEL}=${lab.root}`, '--build-arg', `BASE=${base}`, '-t', tag, context], { timeoutMs: 30 * 60_000 });
  if (r.exitCode !== 0) throw new FailedError('lab.buildFailed', { image: name, detail: (r.stderr || r.stdout).trim().split('\n').slice(-5).join(' | ') });
  return { tag, built: true };
}
