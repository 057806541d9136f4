/**
 * Who holds a local TCP port, read from Linux's /proc: the sockets bound to it (tcp and tcp6),
 * their state, and the processes that have them open. Used to name the squatter when `lab up`
 * finds a manual's port taken; elsewhere (no /proc, another user's process) it knows less and says so.
 */
import { readdir, readFile, readlink } from 'node:fs/promises';

export interface PortSocket {
  /** `listen` for a server socket, `connected` for any other state (established, closing…). */
  state: 'listen' | 'connected';
  inode: string;
}

export interface PortHolder {
  sockets: PortSocket[];
  /** Processes with one of those sockets open: pid and command line (empty when unreadable). */
  processes: { pid: number; command: string }[];
}

const LISTEN = '0A';

/** The sockets of one /proc/net/tcp* table whose local port is `port`. */
export function socketsOnPort(table: string, port: number): PortSocket[] {
  const found: PortSocket[] = [];
  for (const line of table.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    const local = cols[1];
    const state = cols[3];
    const inode = cols[9];
    if (local === undefined || state === undefined || inode === undefined) continue;
    const hexPort = local.slice(local.lastIndexOf(':') + 1);
    if (Number.parseInt(hexPort, 16) !== port) continue;
    found.push({ state: state === LISTEN ? 'listen' : 'connected', inode });
  }
  return found;
}

async function readOr(path: string, fallback: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return fallback;
  }
}

async function processesWith(inodes: Set<string>): Promise<{ pid: number; command: string }[]> {
  const out: { pid: number; command: string }[] = [];
  const pids = (await readdir('/proc').catch(() => [])).filter((d) => /^\d+$/.test(d));
  for (const pid of pids) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => []);
    for (const fd of fds) {
      const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      const m = /^socket:\[(\d+)\]$/.exec(target);
      if (!m?.[1] || !inodes.has(m[1])) continue;
      const command = (await readOr(`/proc/${pid}/cmdline`, '')).split('\0').filter(Boolean).join(' ');
      out.push({ pid: Number(pid), command });
      break;
    }
  }
  return out;
}

/** What holds `port` on this machine, or undefined when /proc shows no socket on it. */
export async function portHolder(port: number): Promise<PortHolder | undefined> {
  const tables = await Promise.all(['/proc/net/tcp', '/proc/net/tcp6'].map((p) => readOr(p, '')));
  const sockets = tables.flatMap((t) => socketsOnPort(t, port)).filter((s) => s.inode !== '0');
  if (sockets.length === 0) return undefined;
  const processes = await processesWith(new Set(sockets.map((s) => s.inode)));
  return { sockets, processes };
}

/** The processes for a message (`node server.js (pid 123)`), or '' when none is visible to this user. */
export function describeHolder(holder: PortHolder | undefined): string {
  return (holder?.processes ?? []).map((p) => `${p.command.slice(0, 80) || '?'} (pid ${p.pid})`).join(', ');
}
