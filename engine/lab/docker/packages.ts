/** What the lab needs from the host, and installing it with apt-get when root. */
import { execa } from 'execa';
import { FailedError } from '../../errors.js';
import { hasCommand, isRoot } from './cli.js';

/** Command → Debian package. */
const PACKAGES: Record<string, string> = { docker: 'docker.io', dockerd: 'docker.io', 'docker-compose': 'docker-compose', debootstrap: 'debootstrap' };

export async function missingCommands(commands: string[], env: NodeJS.ProcessEnv): Promise<string[]> {
  const missing: string[] = [];
  for (const c of commands) if (!(await hasCommand(c, env))) missing.push(c);
  return missing;
}

/** Installs the packages of the missing commands (root + apt-get), else fails naming them. */
export async function ensureCommands(commands: string[], env: NodeJS.ProcessEnv): Promise<string[]> {
  const missing = await missingCommands(commands, env);
  if (missing.length === 0) return [];
  const packages = [...new Set(missing.map((c) => PACKAGES[c] ?? c))];
  if (!isRoot() || !(await hasCommand('apt-get', env))) {
    throw new FailedError('lab.missingCommands', { commands: missing.join(', '), packages: packages.join(' ') });
  }
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  await execa('apt-get', ['update', '-qq'], { env: aptEnv, reject: false });
  const r = await execa('apt-get', ['install', '-y', '-qq', ...packages], { env: aptEnv, reject: false, all: true });
  const still = await missingCommands(commands, env);
  if (r.exitCode !== 0 || still.length > 0) {
    throw new FailedError('lab.installFailed', { packages: packages.join(' '), detail: String(r.all ?? '').trim().split('\n').slice(-3).join(' | ') });
  }
  return packages;
}
