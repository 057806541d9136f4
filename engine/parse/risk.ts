/**
 * Risk inferred when the author is silent: the rule table of
 * docs/format.md ("Inferred risk"), applied to every simple command of a
 * step, through `sudo`, `xargs`, pipes, `;`, `&&` and `||`. The first rule
 * that matches says why the step is considered destructive.
 */
import type { Risk } from '../model.js';
import { invocations, type Invocation } from './command-words.js';
import { scanShell, type ShellScan } from './shell-words.js';

type Rule = (call: Invocation) => string | undefined;

const REMOVERS = new Set(['rm', 'rmdir', 'shred', 'dd', 'wipefs', 'truncate', 'unlink', 'srm']);
const KILLERS = new Set(['pkill', 'killall', 'kill', 'skill']);
const POWER = new Set(['reboot', 'shutdown', 'halt', 'poweroff']);
const SERVICE_MANAGERS = new Set(['systemctl', 'service', 'docker', 'podman', 'docker-compose', 'supervisorctl', 'pm2', 'launchctl', 'nerdctl', 'compose']);
const STOPPING = new Set(['stop', 'kill', 'down', 'disable', 'mask', 'reboot', 'poweroff', 'halt', 'isolate']);
const DESTRUCTIVE_ARGS = new Set(['delete', 'destroy', 'drain', 'prune', 'purge', 'rm', 'rmi', 'rb', 'del', 'uninstall', 'remove', 'terminate', 'wipe', 'erase', 'flushall', 'flushdb', '-delete']);
const FORCE = new Set(['--force', '--force-with-lease', '--hard', '--force-delete', '--purge']);
const SQL_CLIENTS = new Set(['psql', 'mysql', 'mariadb', 'sqlite3', 'clickhouse-client', 'clickhouse', 'cqlsh', 'sqlcmd', 'duckdb', 'cockroach', 'mongosh', 'mongo']);
const SQL = /(?:^|[\s;(])(DROP\s+(?:TABLE|DATABASE|SCHEMA|INDEX|VIEW|USER|ROLE|OWNED|EXTENSION|SEQUENCE|TRIGGER|FUNCTION|MATERIALIZED)|TRUNCATE\b|DELETE\s+FROM|UPDATE\s+[\w."`]+\s+SET|ALTER\s+(?:TABLE|DATABASE|SCHEMA|USER|ROLE|SYSTEM))/i;

const RULES: [string, Rule][] = [
  ['removes-data', (c) => (REMOVERS.has(c.program) || c.program.startsWith('mkfs') ? c.program : undefined)],
  ['kills-processes', (c) => (KILLERS.has(c.program) ? c.program : undefined)],
  ['powers-off', (c) => (POWER.has(c.program) || (c.program === 'init' && ['0', '6'].includes(c.args[0] ?? '')) ? c.program : undefined)],
  ['stops-service', (c) => {
    if (!SERVICE_MANAGERS.has(c.program)) return undefined;
    const verb = c.args.findIndex((a) => STOPPING.has(a));
    return verb === -1 ? undefined : [c.program, ...c.args.slice(0, verb + 1)].join(' ');
  }],
  ['scale-to-zero', (c) => {
    const i = c.args.findIndex((a) => a === '--replicas=0' || /^[\w.-]+=0$/.test(a) && c.args.includes('scale') || (a === '--replicas' && c.args[c.args.indexOf(a) + 1] === '0'));
    return i === -1 ? undefined : `${c.program} ${c.args[i] ?? ''}${c.args[i] === '--replicas' ? ' 0' : ''}`;
  }],
  ['destructive-argument', (c) => {
    const arg = c.args.find((a, k) => !c.literal[k] && (DESTRUCTIVE_ARGS.has(a) || /^(delete|terminate|remove|destroy|purge)-[a-z-]+$/.test(a)));
    return arg === undefined ? undefined : `${c.program} ${arg}`;
  }],
  ['force-flag', (c) => {
    const arg = c.args.find((a, k) => !c.literal[k] && (FORCE.has(a) || (c.program === 'git' && a === '-f' && c.args.some((b) => b === 'push' || b === 'clean'))));
    return arg === undefined ? undefined : `${c.program} ${arg}`;
  }],
];

export function inferRisk(command: string): Risk | undefined {
  const scan = scanShell(command);
  for (const words of scan.commands) {
    for (const call of invocations(words)) {
      for (const [rule, test] of RULES) {
        const match = test(call);
        if (match !== undefined) return { inferred: true, rule, match };
      }
    }
  }
  return sqlRisk(scan);
}

function sqlRisk(scan: ShellScan): Risk | undefined {
  const sqlWords = scan.commands.flatMap((words) => {
    const at = words.findIndex((w) => SQL_CLIENTS.has(w.text.slice(w.text.lastIndexOf('/') + 1)));
    return at === -1 ? [] : words.slice(at + 1).map((w) => w.text);
  });
  const usesClient = scan.commands.some((words) => words.some((w) => SQL_CLIENTS.has(w.text.slice(w.text.lastIndexOf('/') + 1))));
  const texts = [...sqlWords, ...(usesClient ? scan.heredocs.map((h) => h.body) : [])];
  for (const text of texts) {
    const m = SQL.exec(text);
    if (m) return { inferred: true, rule: 'sql-destructive', match: (m[1] as string).replace(/\s+/g, ' ') };
  }
  return undefined;
}
