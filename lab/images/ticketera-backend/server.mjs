// Ticketera SOC backend stand-in: schema + seed at start, /api/v1/health = a real DB login and a
// writable log directory, request log in /app/logs/backend.log (the lab puts it on a small filesystem),
// POST /api/v1/auth/login against the users table (an account locks after MAX_FAILED failed logins).
import { execFile } from 'node:child_process';
import { pbkdf2Sync, timingSafeEqual } from 'node:crypto';
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

const MAX_FAILED = 5;

/** SQL on stdin; `vars` become psql variables (`:'name'` in the SQL quotes them). */
function psql(sql, vars = {}) {
  return new Promise((resolve, reject) => {
    const args = ['-X', '-At', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-h', db.host, '-U', db.user, '-d', db.name, ...Object.entries(vars).flatMap(([k, v]) => ['-v', `${k}=${v}`])];
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

/** Django's `pbkdf2_sha256$<iterations>$<salt>$<base64>`; anything else never matches. */
function passwordMatches(password, encoded) {
  const [algorithm, iterations, salt, hash] = encoded.split('$');
  if (algorithm !== 'pbkdf2_sha256' || !/^\d+$/.test(iterations ?? '') || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = pbkdf2Sync(password, salt, Number(iterations), expected.length || 32, 'sha256');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function body(req) {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (d) => { if (text.length < 10000) text += d; });
    req.on('end', () => { try { resolve(JSON.parse(text)); } catch { resolve({}); } });
  });
}

/** A login: 200 with the right password, 401 otherwise (one more failed login), 423 once the account is locked. */
async function login(req, res) {
  const { username, password } = await body(req);
  if (typeof username !== 'string' || typeof password !== 'string' || !username || !password) return send(res, 400, { error: 'username and password required' });
  let row;
  try {
    row = await psql("SELECT password_hash, failed_logins, is_active FROM users WHERE username = :'u';", { u: username });
  } catch (error) {
    log('ERROR', `Internal Server Error: /api/v1/auth/login\n${error.message}`);
    return send(res, 500, { error: 'Internal Server Error' });
  }
  if (!row) {
    log('WARNING', `Login failed for ${JSON.stringify(username)}: no such user`);
    return send(res, 401, { error: 'Invalid credentials' });
  }
  const [hash = '', failed = '0', active = 'f'] = row.split('\t');
  if (Number(failed) >= MAX_FAILED) {
    log('WARNING', `Login refused for ${username}: account locked after ${failed} failed logins`);
    return send(res, 423, { error: 'Account locked' });
  }
  if (active !== 't' || !passwordMatches(password, hash)) {
    await psql("UPDATE users SET failed_logins = failed_logins + 1 WHERE username = :'u';", { u: username }).catch(() => undefined);
    log('WARNING', `Login failed for ${username}: invalid credentials (${Number(failed) + 1}/${MAX_FAILED})`);
    return send(res, 401, { error: 'Invalid credentials' });
  }
  await psql("UPDATE users SET failed_logins = 0 WHERE username = :'u';", { u: username }).catch(() => undefined);
  log('INFO', `Login ok: ${username}`);
  send(res, 200, { status: 'ok', username });
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
    if (url === '/api/v1/auth/login' && req.method === 'POST') return login(req, res);
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
