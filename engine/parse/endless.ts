/**
 * Interactive and endless commands, by the documented list of
 * docs/format.md ("Interactive and endless commands"): editors, shells and
 * REPLs without a command, `-it`, followers (`logs -f`, `tail -f`), `watch`,
 * `port-forward`, `top` without `-n`, listeners. Such a step needs the
 * terminal, or never ends by itself.
 */
import { invocations, type Invocation } from './command-words.js';
import { scanShell } from './shell-words.js';

export interface Endless {
  rule: 'editor' | 'shell' | 'terminal' | 'follow' | 'listener';
  match: string;
}

const EDITORS = new Set(['vi', 'vim', 'nvim', 'nano', 'emacs', 'pico', 'joe', 'mcedit', 'visudo', 'vipw', 'less', 'more', 'man']);
const SHELLS = new Set(['bash', 'sh', 'zsh', 'fish', 'dash', 'ksh', 'python', 'python3', 'node', 'irb', 'ipython', 'redis-cli', 'psql', 'mysql', 'mariadb', 'sqlite3', 'mongosh', 'mongo', 'cqlsh', 'clickhouse-client', 'rails', 'iex', 'ghci', 'R', 'lua', 'php', 'ruby', 'perl', 'su']);
/** Options that give such a program something to do instead of a prompt. */
const HAS_WORK = /^(-c|-e|-f|-m|--command|--execute|--file|--eval|-x|--version|--help|-h|-V|-v|-l|-L|-lqt)$|^-[a-zA-Z]*[cef]$|^--(command|execute|file|eval)=/;
const FOLLOWERS = new Set(['tail', 'journalctl', 'dmesg']);
const WATCHERS = new Set(['watch', 'htop', 'btop', 'atop', 'iotop', 'iftop', 'nethogs', 'k9s', 'lazydocker', 'glances', 'nmon', 'yes']);
const TTY_TOOLS = new Set(['docker', 'podman', 'kubectl', 'oc', 'nerdctl']);

type Rule = (call: Invocation, piped: boolean, fed: boolean) => Endless | undefined;

const RULES: Rule[] = [
  (c) => (EDITORS.has(c.program) || (TTY_TOOLS.has(c.program) && c.args[0] === 'edit') || (c.program === 'systemctl' && c.args[0] === 'edit') || (c.program === 'crontab' && c.args.includes('-e')) ? { rule: 'editor', match: words(c, 2) } : undefined),
  (c, piped, fed) => {
    if (!SHELLS.has(c.program) || piped || fed) return undefined;
    const work = c.args.some((a) => HAS_WORK.test(a)) || (['bash', 'sh', 'zsh', 'dash', 'ksh', 'python', 'python3', 'node', 'ruby', 'perl', 'php', 'lua'].includes(c.program) && c.args.some((a) => !a.startsWith('-')));
    return work ? undefined : { rule: 'shell', match: words(c, 1 + c.args.length) };
  },
  (c) => {
    if (c.program === 'ssh') {
      const positional = positionals(c.args, new Set(['-i', '-p', '-l', '-o', '-J', '-F', '-L', '-R', '-D', '-b', '-c', '-E', '-e', '-m', '-O', '-Q', '-S', '-W', '-w', '-B', '-I']));
      return positional.length === 1 ? { rule: 'shell', match: words(c, 1 + c.args.length) } : undefined;
    }
    if (!TTY_TOOLS.has(c.program)) return undefined;
    if (['rsh', 'attach', 'debug'].includes(c.args[0] ?? '')) return { rule: 'terminal', match: words(c, 2) };
    const tty = c.args.find((a) => /^-[a-z]*(it|ti)[a-z]*$/.test(a)) ?? (c.args.includes('-i') && c.args.includes('-t') ? '-i -t' : undefined) ?? (c.args.includes('--stdin') && c.args.includes('--tty') ? '--stdin --tty' : undefined);
    return tty !== undefined ? { rule: 'terminal', match: `${c.program} ${c.args[0] ?? ''} ${tty}` } : undefined;
  },
  (c) => {
    const logs = c.args.indexOf('logs');
    const follow = c.args.find((a, k) => (c.program !== 'tail' && c.program !== 'journalctl' && c.program !== 'dmesg' ? k > Math.max(logs, 0) : true) && (a === '-f' || a === '-F' || a === '--follow' || a === '-w' || a === '--watch' || /^--follow=/.test(a) || (FOLLOWERS.has(c.program) && /^-[a-zA-Z]*[fF][a-zA-Z]*$/.test(a))));
    if (follow !== undefined && (FOLLOWERS.has(c.program) || (TTY_TOOLS.has(c.program) && ['logs', 'get', 'events'].includes(c.args[0] ?? '')) || c.program === 'docker-compose' || (c.program === 'docker' && c.args[0] === 'compose'))) {
      if (c.program === 'dmesg' && follow !== '-w' && follow !== '--follow') return undefined;
      if (c.program === 'tail' || c.program === 'journalctl' || c.program === 'dmesg' || c.args.includes('logs') || c.args[0] === 'get' || c.args[0] === 'events') return { rule: 'follow', match: `${words(c, c.program === 'tail' || c.program === 'journalctl' || c.program === 'dmesg' ? 1 : logs >= 0 ? logs + 2 : 2)} ${follow}` };
    }
    if (WATCHERS.has(c.program)) return { rule: 'follow', match: c.program };
    if (c.program === 'top' && !c.args.some((a) => /^-[a-zA-Z]*n/.test(a))) return { rule: 'follow', match: 'top' };
    if (c.program === 'ping' && !c.args.some((a) => /^-[a-zA-Z]*[cw]/.test(a))) return { rule: 'follow', match: 'ping' };
    if (c.program === 'docker' && ['stats', 'events'].includes(c.args[0] ?? '') && !c.args.includes('--no-stream') && !c.args.some((a) => a.startsWith('--until'))) return { rule: 'follow', match: words(c, 2) };
    if (c.program === 'sleep' && c.args[0] === 'infinity') return { rule: 'follow', match: 'sleep infinity' };
    return undefined;
  },
  (c) => {
    if (TTY_TOOLS.has(c.program) && (c.args[0] === 'port-forward' || c.args[0] === 'proxy')) return { rule: 'listener', match: words(c, 2) };
    if ((c.program === 'nc' || c.program === 'ncat' || c.program === 'netcat') && c.args.some((a) => /^-[a-zA-Z]*l/.test(a))) return { rule: 'listener', match: `${c.program} -l` };
    if (c.program === 'socat' && c.args.some((a) => /LISTEN/i.test(a))) return { rule: 'listener', match: 'socat LISTEN' };
    if ((c.program === 'python' || c.program === 'python3') && c.args[0] === '-m' && c.args[1] === 'http.server') return { rule: 'listener', match: `${c.program} -m http.server` };
    if (c.program === 'tcpdump' && !c.args.some((a) => /^-[a-zA-Z]*c/.test(a))) return { rule: 'listener', match: 'tcpdump' };
    if ((c.program === 'docker-compose' || (c.program === 'docker' && c.args[0] === 'compose')) && c.args.includes('up') && !c.args.some((a) => a === '-d' || a === '--detach' || a === '--wait')) return { rule: 'listener', match: `${words(c, c.program === 'docker' ? 2 : 1)} up` };
    return undefined;
  },
];

export function inferEndless(command: string): Endless | undefined {
  const scan = scanShell(command);
  const fed = scan.heredocs.length > 0;
  for (const [n, call] of scan.commands.entries()) {
    const piped = scan.piped.has(n) || call.some((w) => !w.quoted && w.text.startsWith('<'));
    for (const invocation of invocations(call)) {
      for (const rule of RULES) {
        const found = rule(invocation, piped, fed);
        if (found) return found;
      }
    }
  }
  return undefined;
}

function words(c: Invocation, count: number): string {
  return [c.program, ...c.args].slice(0, count).join(' ');
}

function positionals(args: string[], valued: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a.startsWith('-')) {
      if (valued.has(a)) i++;
    } else out.push(a);
  }
  return out;
}
