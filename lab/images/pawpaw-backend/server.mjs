// Paw Paw backend stand-in: creates its schema at start, /health = a real DB login, /metrics for Prometheus.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';

const PORT = Number(process.env.PORT || 4000);
const db = { host: process.env.DB_HOST || 'postgres', user: process.env.DB_USER || 'pawpaw', name: process.env.DB_NAME || 'pawpaw_db', password: process.env.DB_PASSWORD || '' };
const log = (level, msg) => process.stdout.write(`${JSON.stringify({ level, time: new Date().toISOString(), msg })}\n`);
let requests = 0;
let errors = 0;

function psql(sql) {
  return new Promise((resolve, reject) => {
    const child = execFile('psql', ['-X', '-At', '-v', 'ON_ERROR_STOP=1', '-h', db.host, '-U', db.user, '-d', db.name], { env: { ...process.env, PGPASSWORD: db.password, PGCONNECT_TIMEOUT: '3' }, timeout: 15000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(String(stderr || error.message).trim().split('\n')[0]));
      resolve(stdout.trim());
    });
    child.stdin.end(sql);
  });
}

async function main() {
  log('info', `Starting pawpaw-backend ${process.env.APP_VERSION || 'lab'} (node ${process.version})`);
  try {
    await psql(readFileSync(new URL('./schema.sql', import.meta.url), 'utf8'));
  } catch (error) {
    log('error', `Database connection failed: ${error.message}`);
    process.exit(1);
  }
  log('info', 'Database schema ready');
  const server = http.createServer(async (req, res) => {
    requests += 1;
    const url = (req.url || '/').split('?')[0];
    if (url === '/health') {
      try {
        await psql('SELECT 1');
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ status: 'UP', components: { db: { status: 'UP' } } }));
      } catch (error) {
        errors += 1;
        log('error', `Health check failed: ${error.message}`);
        res.writeHead(503, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ status: 'DOWN', components: { db: { status: 'DOWN', error: error.message } } }));
      }
    }
    if (url === '/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      return res.end(`# TYPE http_requests_total counter\nhttp_requests_total ${requests}\n# TYPE http_errors_total counter\nhttp_errors_total ${errors}\n`);
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":"Not Found"}');
  });
  server.on('error', (error) => {
    log('error', error.code === 'EADDRINUSE' ? `Port ${PORT} already in use` : error.message);
    process.exit(1);
  });
  server.listen(PORT, '0.0.0.0', () => log('info', `🚀 Server running on port ${PORT}`));
  for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => { server.close(); process.exit(0); });
}
main();
