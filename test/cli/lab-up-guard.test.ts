// What `lab up` decides before it starts a system, without Docker: who holds a port (named from
// /proc; real sockets of this test process) and which of the lab's containers are stale.
import { createServer, connect, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { describeHolder, portHolder, socketsOnPort } from '../../engine/lab/port-holder.js';
import { isCurrentName } from '../../engine/lab/stale.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

function listen(): Promise<number> {
  const server = createServer(() => undefined);
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const a = server.address();
    resolve(typeof a === 'object' && a ? a.port : 0);
  }));
}

describe('port holder', () => {
  it('names this process as the listener of a port it bound', async () => {
    const port = await listen();
    const holder = await portHolder(port);
    expect(holder?.sockets.some((s) => s.state === 'listen')).toBe(true);
    expect(holder?.processes.map((p) => p.pid)).toContain(process.pid);
    expect(describeHolder(holder)).toContain(`(pid ${process.pid})`);
    expect(describeHolder(holder)).toContain(process.execPath.split('/').pop() ?? 'node');
  });

  it('a free port has no holder', async () => {
    const port = await listen();
    await new Promise((resolve) => servers.pop()?.close(resolve));
    expect(await portHolder(port)).toBeUndefined();
    expect(describeHolder(undefined)).toBe('');
  });

  it('reads the local port and state of a /proc/net/tcp table, connected sockets included', async () => {
    const port = await listen();
    const client = connect(port, '127.0.0.1');
    await new Promise((resolve) => client.once('connect', resolve));
    const local = client.localPort ?? 0;
    const holder = await portHolder(local);
    client.destroy();
    expect(holder?.sockets.every((s) => s.state === 'connected')).toBe(true);
    const hex = port.toString(16).toUpperCase().padStart(4, '0');
    const table = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n   0: 0100007F:${hex} 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1\n   1: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4343 1\n`;
    expect(socketsOnPort(table, port)).toEqual([{ state: 'listen', inode: '4242' }]);
  });
});

describe('stale containers', () => {
  const pawpaw = ['pawpaw_db_prod', 'pawpaw_backend_1', 'pawpaw_nginx'];
  it('a name the system no longer has is stale; its names and their replicas are not', () => {
    expect(isCurrentName('pawpaw_backend', pawpaw)).toBe(false);
    expect(isCurrentName('pawpaw_backend_1', pawpaw)).toBe(true);
    expect(isCurrentName('pawpaw_backend_3', pawpaw)).toBe(true);
    expect(isCurrentName('pawpaw_nginx', pawpaw)).toBe(true);
    expect(isCurrentName('pawpaw_nginx_2', pawpaw)).toBe(false);
    expect(isCurrentName('pawpaw_db_prod_old', pawpaw)).toBe(false);
  });
});
