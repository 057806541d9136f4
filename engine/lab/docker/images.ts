/**
 * Images: a Debian base (pulled where a registry answers, else debootstrap +
 * `docker import` under the same tag), and the lab's Dockerfiles built on it,
 * tagged by the content hash of their build context and reused.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { execa } from 'execa';
import { FailedError } from '../../errors.js';
import { LAB_LABEL, type LabLayout } from '../paths.js';
import type { Docker } from './cli.js';
import { ensureCommands } from './packages.js';

export const BASE_IMAGE = 'runbook-lab/debian:bookworm';
const MIRROR = 'http://deb.debian.org/debian';

async function exists(docker: Docker, ref: string): Promise<boolean> {
  return (await docker.run(['image', 'inspect', ref], { timeoutMs: 20_000 })).exitCode === 0;
}

export async function ensureBaseImage(docker: Docker, lab: LabLayout): Promise<'present' | 'pulled' | 'debootstrap'> {
  if (await exists(docker, BASE_IMAGE)) return 'present';
  const pulled = await docker.run(['pull', 'debian:bookworm'], { timeoutMs: 90_000 });
  if (pulled.exitCode === 0) {
    await docker.out(['tag', 'debian:bookworm', BASE_IMAGE]);
    return 'pulled';
  }
  await ensureCommands(['debootstrap'], docker.env);
  if (!existsSync(join(lab.rootfs, 'etc', 'os-release'))) {
    rmSync(lab.rootfs, { recursive: true, force: true });
    const r = await execa('debootstrap', ['--variant=minbase', 'bookworm', lab.rootfs, MIRROR], { reject: false, all: true, timeout: 20 * 60_000 });
    if (r.exitCode !== 0) throw new FailedError('lab.debootstrapFailed', { detail: String(r.all ?? '').trim().split('\n').slice(-3).join(' | ') });
  }
  const imported = await execa('sh', ['-c', 'tar -C "$1" -c . | docker import --change "LABEL $2=$3" - "$4"', 'sh', lab.rootfs, LAB_LABEL, lab.root, BASE_IMAGE], {
    env: docker.env,
    extendEnv: false,
    reject: false,
    all: true,
  });
  if (imported.exitCode !== 0) throw new FailedError('lab.importFailed', { detail: String(imported.all ?? '').trim() });
  rmSync(lab.rootfs, { recursive: true, force: true });
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

export async function buildImage(docker: Docker, lab: LabLayout, name: string, context: string): Promise<{ tag: string; built: boolean }> {
  const baseId = (await docker.out(['image', 'inspect', BASE_IMAGE, '--format', '{{.Id}}'])).trim();
  const tag = imageTag(name, context, baseId);
  if (await exists(docker, tag)) return { tag, built: false };
  const r = await docker.run(['build', '--label', `${LAB_LABEL}=${lab.root}`, '--build-arg', `BASE=${BASE_IMAGE}`, '-t', tag, context], { timeoutMs: 30 * 60_000 });
  if (r.exitCode !== 0) throw new FailedError('lab.buildFailed', { image: name, detail: (r.stderr || r.stdout).trim().split('\n').slice(-5).join(' | ') });
  return { tag, built: true };
}
