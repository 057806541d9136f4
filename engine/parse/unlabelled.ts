/**
 * Whether a block without a shell language holds commands: a fence with no
 * language (or a `console` block with no `$ ` line) that an author wrote for
 * people to type. It is never run as it is; lint points at it and
 * `lint --fix` labels it `bash`. Conservative: every simple command of the
 * block must start with a well-known program, so output and prose are not
 * taken for commands.
 */
import { invocations } from './command-words.js';
import { splitConsoleBlock } from './console-block.js';
import { scanShell } from './shell-words.js';

/** Programs an operator types at a prompt (documented in docs/format.md, "Adopting a foreign runbook"). */
export const COMMAND_PROGRAMS: ReadonlySet<string> = new Set([
  'kubectl', 'oc', 'helm', 'kustomize', 'k9s', 'istioctl', 'argocd', 'flux', 'velero', 'etcdctl', 'kubeadm', 'crictl', 'ctr', 'nerdctl',
  'docker', 'docker-compose', 'podman', 'systemctl', 'service', 'journalctl', 'supervisorctl',
  'curl', 'wget', 'ssh', 'scp', 'rsync', 'git', 'ping', 'dig', 'nslookup', 'host', 'traceroute', 'nc', 'telnet', 'openssl',
  'psql', 'pg_dump', 'pg_restore', 'pg_basebackup', 'mysql', 'mysqldump', 'redis-cli', 'mongosh', 'mongo', 'cqlsh', 'nodetool', 'sqlite3',
  'aws', 'gcloud', 'gsutil', 'az', 'terraform', 'ansible', 'ansible-playbook', 'vault', 'consul', 'nomad', 'mc', 's3cmd',
  'cd', 'ls', 'cat', 'grep', 'tail', 'head', 'less', 'echo', 'printf', 'export', 'mkdir', 'rm', 'cp', 'mv', 'ln', 'chmod', 'chown', 'touch',
  'tar', 'gzip', 'gunzip', 'zcat', 'find', 'ps', 'kill', 'pkill', 'killall', 'df', 'du', 'free', 'top', 'htop', 'uptime', 'whoami', 'hostname',
  'ip', 'ss', 'netstat', 'mount', 'umount', 'lsblk', 'lsof', 'sudo', 'jq', 'yq', 'sed', 'awk', 'sort', 'uniq', 'wc', 'xargs', 'watch',
  'make', 'npm', 'npx', 'node', 'python', 'python3', 'pip', 'go', 'java', 'apt', 'apt-get', 'yum', 'dnf', 'brew', 'reboot', 'shutdown',
]);

export function holdsCommands(text: string): boolean {
  if (splitConsoleBlock(text) !== undefined) return true;
  const scan = scanShell(text);
  const simple = scan.commands.filter((words) => words.length > 0 && !(words[0]?.text.startsWith('#') ?? false));
  if (simple.length === 0) return false;
  return simple.every((words) => {
    const calls = invocations(words);
    const first = calls[0];
    // A line of plain assignments (`NAMESPACE=prod`) is a command too.
    return first === undefined ? words.every((w) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w.text)) : COMMAND_PROGRAMS.has(first.program);
  });
}
