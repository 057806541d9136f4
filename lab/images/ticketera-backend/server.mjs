// Ticketera SOC backend stand-in: schema + seed at start, /api/v1/health = a real DB login and a
// writable log directory, request log in /app/logs/backend.log (the lab puts it on a small filesystem).
import { execFile } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import http from 'node:http';

const PORT = Number(process.env.PORT || 8000);
const LOG_FILE = `${process.env.LOG_DIR || '/app/logs'}/backend.log`;
const db = { host: process.env.DB_HOST || 'db', user: process.env.POSTGRES_USER || 'ticketera', name: process.env.POSTGRES_DB || 'ticketera', password: process.env.POSTGRES_PASSWORD || '' };

function log(level, message) {
  const line = `[${new Date().toISOString()}] [${process.pid}] [${level}] ticketera.backend: ${message}\n`;
  process.stdout.write(line);
  try { appendFileSync(LOG_FILE, line); } catch { /* the health check reports it */ }
}

function psql(sql) {
  return new Promise((resolve, reject) => {
    const args = ['-X', '-At', '-v', 'ON_ERROR_STOP=1', '-h', db.host, '-U', db.user, '-d', db.name];
    const child = execFile('psql', args, { env: { ...process.env, PGPASSWORD: db.password, PGCONNECT_TIMEOUT: '3' }, timeout: 15000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`django.db.utils.OperationalError: ${String(stderr || error.message).trim().split('\n')[0].replace(/^psql: error: /, '')}`));
      resolve(stdout.trim());
    });
    child.stdin.end(sql);
  });
}

/** The log directory takes a write (a full disk is `No space left on device`). */
function logWritable() {
  try {
    appendFileSync(LOG_FILE, `[${new Date().toISOString()}] [${process.pid}] [DEBUG] ticketera.backend: GET /api/v1/health\n`);
    return undefined;
  } catch (error) {
    return `OSError: [Errno 28] ${error.code === 'ENOSPC' ? 'No space left on device' : error.message}: '${LOG_FILE}'`;
  }
}

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function health(res) {
  const disk = logWritable();
  try {
    await psql('SELECT 1');
  } catch (error) {
    log('ERROR', `Health check failed: ${error.message}`);
    return send(res, 503, { status: 'DOWN', components: { db: { status: 'DOWN', error: error.message }, disk: { status: disk ? 'DOWN' : 'UP' } } });
  }
  if (disk) {
    process.stdout.write(`[${new Date().toISOString()}] [${process.pid}] [ERROR] ticketera.backend: Health check failed: ${disk}\n`);
    return send(res, 503, { status: 'DOWN', components: { db: { status: 'UP' }, disk: { status: 'DOWN', error: disk } } });
  }
  send(res, 200, { status: 'UP', components: { db: { status: 'UP' }, disk: { status: 'UP' } } });
}

async function main() {
  log('INFO', `Starting Ticketera SOC backend ${process.env.APP_VERSION || 'lab'} (node ${process.version})`);
  let ready = false;
  for (let i = 0; i < 10 && !ready; i++) {
    try {
      await psql(readFileSync(new URL('./schema.sql', import.meta.url), 'utf8'));
      ready = true;
    } catch (error) {
      log('ERROR', `Database connection failed: ${error.message}`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  if (!ready) process.exit(1);
  log('INFO', 'Migrations applied: users, tickets');
  const server = http.createServer(async (req, res) => {
    const url = (req.url || '/').split('?')[0];
    if (url === '/api/v1/health') return health(res);
    if (url === '/api/v1/tickets/count') {
      try {
        return send(res, 200, { tickets: Number(await psql('SELECT count(*) FROM tickets')) });
      } catch (error) {
        log('ERROR', `Internal Server Error: /api/v1/tickets/count\n${error.message}`);
        return send(res, 500, { error: 'Internal Server Error' });
      }
    }
    if (url === '/' || url === '/api/v1/') return send(res, 200, { service: 'ticketera-soc-backend', status: 'ok' });
    send(res, 404, { error: 'Not Found' });
  });
  server.on('error', (error) => {
    if (error.code === 'EADDRINUSE') log('ERROR', `Port ${PORT} already in use`);
    else log('ERROR', error.message);
    process.exit(1);
  });
  server.listen(PORT, '0.0.0.0', () => log('INFO', `Listening at: http://0.0.0.0:${PORT}`));
  for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => { server.close(); process.exit(0); });
}
main();
