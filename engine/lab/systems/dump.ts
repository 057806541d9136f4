/** A dump taken inside a database container, gzipped on the host into a private file (0600); the file takes its name only when the whole pipe succeeded. */
import { chmodSync, existsSync } from 'node:fs';
import { execa } from 'execa';
import { FailedError } from '../../errors.js';
import type { Docker } from '../docker/cli.js';

export async function dumpGz(docker: Docker, container: string, command: string[], file: string): Promise<void> {
  const r = await execa('bash', ['--norc', '-c', 'set -o pipefail; umask 077; f="$1"; shift; docker exec "$@" | gzip -9 > "$f.partial" && mv "$f.partial" "$f"', 'bash', file, container, ...command], {
    env: docker.env,
    extendEnv: false,
    reject: false,
    all: true,
  });
  if (r.exitCode !== 0) throw new FailedError('lab.dumpFailed', { file, detail: String(r.all ?? '').trim() });
}

/** A seed backup: dumped once; one kept from an earlier lab is made private too (older labs wrote 0644). */
export async function seedDumpGz(docker: Docker, container: string, command: string[], file: string): Promise<void> {
  if (existsSync(file)) chmodSync(file, 0o600);
  else await dumpGz(docker, container, command, file);
}
