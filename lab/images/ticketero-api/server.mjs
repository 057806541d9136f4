// Ticketero API stand-in: migrations at start, /actuator/health UP only after a real query (db) and a real
// RabbitMQ call (rabbit), /actuator/prometheus with real counters, tickets, Telegram notifications through a queue.
import http from 'node:http';
import { hostname } from 'node:os';
import { datasource, literal, migrate, sql } from './db.mjs';
import { counters, observe, render } from './metrics.mjs';
import { alive, declareQueue, publish, QUEUE, take } from './rabbit.mjs';

const PORT = Number(process.env.SERVER_PORT || 8080);
const VERSION = process.env.APP_VERSION || 'lab';
const TELEGRAM = `${process.env.TELEGRAM_API_URL || 'https://api.telegram.org'}/bot${process.env.TELEGRAM_BOT_TOKEN || ''}`;
const started = Date.now();
const log = (level, logger, msg) => process.stdout.write(`${new Date().toISOString()} ${level.padStart(5)} 1 --- [main] ${logger.padEnd(40)} : ${msg}\n`);
/** The lab's faults, set from inside the container: slow answers, a storm of 500s. Both end by themselves. */
const fault = { slowMs: 0, slowUntil: 0, stormUntil: 0 };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function connectDatabase() {
  log('INFO', 'com.zaxxer.hikari.HikariDataSource', 'HikariPool-1 - Starting...');
  for (let attempt = 1; ; attempt++) {
    try {
      await sql('SELECT 1');
      log('INFO', 'com.zaxxer.hikari.HikariDataSource', `HikariPool-1 - Start completed (${datasource()})`);
      return;
    } catch (error) {
      log('ERROR', 'com.zaxxer.hikari.pool.HikariPool', `HikariPool-1 - Exception during pool initialization. org.postgresql.util.PSQLException: ${error.message}`);
      if (attempt >= 15) throw error;
      await sleep(2000);
    }
  }
}

async function connectRabbit() {
  for (let attempt = 1; ; attempt++) {
    try {
      log('INFO', 'o.s.a.r.c.CachingConnectionFactory', 'Attempting to connect to: [rabbitmq:5672]');
      await declareQueue();
      log('INFO', 'o.s.a.r.c.CachingConnectionFactory', `Created new connection: rabbitConnectionFactory#1 (queue ${QUEUE})`);
      return;
    } catch (error) {
      log('ERROR', 'o.s.a.r.l.SimpleMessageListenerContainer', `org.springframework.amqp.AmqpConnectException: java.net.ConnectException: ${error.message}`);
      if (attempt >= 30) throw error;
      await sleep(2000);
    }
  }
}

async function sendToTelegram(message) {
  const response = await fetch(`${TELEGRAM}/sendMessage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chat_id: message.chatId, text: message.text }), signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`HTTP ${response.status} ${(await response.text()).slice(0, 120)}`);
}

/** Sends the queued notifications; a failed send goes back to the queue and is retried on the next round. */
async function deliver() {
  for (;;) {
    await sleep(3000);
    let batch = [];
    try {
      batch = await take(10);
    } catch {
      continue;
    }
    for (let i = 0; i < batch.length; i++) {
      const message = batch[i];
      try {
        await sendToTelegram(message);
        counters.telegramSent += 1;
        await sql(`INSERT INTO mensaje (ticket_id, chat_id, texto, estado) VALUES (${Number(message.ticketId) || 'NULL'}, ${literal(message.chatId)}, ${literal(message.text)}, 'ENVIADO');`).catch(() => undefined);
      } catch (error) {
        counters.telegramErrors += 1;
        const reason = error?.cause?.code === 'ECONNREFUSED' ? 'Connection refused' : error?.cause?.code || error.message;
        log('ERROR', 'c.t.api.service.TelegramService', `Error sending message to chat ${message.chatId}: ${reason}`);
        for (const back of batch.slice(i)) await publish(back).catch(() => undefined);
        break;
      }
    }
  }
}

async function health() {
  const db = await sql('SELECT 1').then(() => ({ status: 'UP', details: { database: 'PostgreSQL', validationQuery: 'isValid()' } }), (e) => ({ status: 'DOWN', details: { error: `org.postgresql.util.PSQLException: ${e.message}` } }));
  const rabbit = await alive().then((ok) => ({ status: ok ? 'UP' : 'DOWN' }), (e) => ({ status: 'DOWN', details: { error: `org.springframework.amqp.AmqpConnectException: ${e.message}` } }));
  const status = db.status === 'UP' && rabbit.status === 'UP' ? 'UP' : 'DOWN';
  if (status !== 'UP') log('WARN', 'o.s.b.a.health.HealthEndpointSupport', `Health check failed: db ${db.status}, rabbit ${rabbit.status}`);
  return { code: status === 'UP' ? 200 : 503, body: { status, components: { db, rabbit, ping: { status: 'UP' } } } };
}

async function createTicket(body) {
  let input;
  try {
    input = JSON.parse(body || '{}');
  } catch {
    return { code: 400, body: { status: 400, error: 'Bad Request', message: 'JSON parse error' } };
  }
  const queues = [...counters.ticketsCreated.keys()];
  if (!/^[0-9]{6,12}$/.test(String(input.nationalId ?? '')) || !input.branchOffice || !queues.includes(input.queue)) {
    return { code: 400, body: { status: 400, error: 'Bad Request', message: `nationalId (6-12 digits), branchOffice and queue (${queues.join(', ')}) are required` } };
  }
  const id = Number(await sql(`INSERT INTO ticket (national_id, branch_office, queue) VALUES (${literal(input.nationalId)}, ${literal(input.branchOffice)}, ${literal(input.queue)}) RETURNING id;`));
  counters.ticketsCreated.set(input.queue, (counters.ticketsCreated.get(input.queue) ?? 0) + 1);
  await publish({ ticketId: id, chatId: `9${input.nationalId}`, text: `Ticket ${id} creado en la cola ${input.queue}` }).catch((e) => log('ERROR', 'c.t.api.service.NotificationService', `Could not queue the notification of ticket ${id}: ${e.message}`));
  return { code: 201, body: { id, nationalId: input.nationalId, branchOffice: input.branchOffice, queue: input.queue, status: 'EN_ESPERA' } };
}

/**
 * The storm's log is bounded in rate as well as in time: at most STORM_LINES_PER_S stack-trace
 * lines a second; the rest of that second's errors are counted and said in one line.
 */
const STORM_LINES_PER_S = 5;
const storm = { second: 0, lines: 0, suppressed: 0 };
function stormLog(path) {
  const second = Math.floor(Date.now() / 1000);
  if (second !== storm.second) {
    if (storm.suppressed > 0) log('ERROR', 'o.a.c.c.C.[.[.[/].[dispatcherServlet]', `${storm.suppressed} more requests failed the same way in the last second (not logged one by one)`);
    Object.assign(storm, { second, lines: 0, suppressed: 0 });
  }
  if (storm.lines >= STORM_LINES_PER_S) {
    storm.suppressed++;
    return;
  }
  storm.lines++;
  log('ERROR', 'o.a.c.c.C.[.[.[/].[dispatcherServlet]', `Servlet.service() for servlet [dispatcherServlet] threw exception: java.lang.IllegalStateException: Connection pool shut down (${path})`);
}

function labControl(url, fromInside) {
  if (!fromInside) return { code: 403, body: { error: 'lab control only from inside the container' } };
  const seconds = Math.min(Number(url.searchParams.get('seconds') || 60), 900);
  const until = seconds > 0 ? Date.now() + seconds * 1000 : 0;
  if (url.pathname === '/_lab/slow') Object.assign(fault, { slowMs: Math.min(Number(url.searchParams.get('ms') || 800), 9000), slowUntil: until });
  if (url.pathname === '/_lab/storm') fault.stormUntil = until;
  log('WARN', 'lab', `fault ${url.pathname} for ${seconds} s`);
  return { code: 200, body: { slowUntil: fault.slowUntil, stormUntil: fault.stormUntil } };
}

async function route(req, url, body) {
  const path = url.pathname;
  if (path.startsWith('/_lab/')) return labControl(url, ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(req.socket.remoteAddress ?? ''));
  if (path === '/actuator/prometheus') return { code: 200, text: render() };
  if (Date.now() < fault.slowUntil) await sleep(fault.slowMs);
  if (Date.now() < fault.stormUntil) {
    stormLog(path);
    return { code: 500, body: { timestamp: new Date().toISOString(), status: 500, error: 'Internal Server Error', path } };
  }
  if (path === '/actuator/health') return health();
  if (path === '/actuator/info') return { code: 200, body: { app: { name: 'ticketero-api', version: VERSION }, hostname: hostname() } };
  if (path === '/api/tickets' && req.method === 'POST') return createTicket(body);
  if (path === '/api/tickets' && req.method === 'GET') {
    const rows = await sql('SELECT id, queue, status FROM ticket ORDER BY id DESC LIMIT 20;');
    return { code: 200, body: rows.split('\n').filter(Boolean).map((l) => { const [id, queue, status] = l.split('|'); return { id: Number(id), queue, status }; }) };
  }
  return { code: 404, body: { status: 404, error: 'Not Found', path } };
}

async function main() {
  log('INFO', 'c.t.api.TicketeroApplication', `Starting TicketeroApplication v${VERSION} using Node ${process.version} on ${hostname()}`);
  try {
    await connectDatabase();
    await migrate(log);
  } catch (error) {
    log('ERROR', 'o.s.boot.SpringApplication', `Application run failed: ${error.message}`);
    process.exit(1);
  }
  await connectRabbit().catch((error) => {
    log('ERROR', 'o.s.boot.SpringApplication', `Application run failed: ${error.message}`);
    process.exit(1);
  });
  const server = http.createServer((req, res) => {
    const t0 = process.hrtime.bigint();
    const url = new URL(req.url || '/', 'http://localhost');
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', async () => {
      let out;
      try {
        out = await route(req, url, body);
      } catch (error) {
        log('ERROR', 'c.t.api.web.ErrorHandler', `${req.method} ${url.pathname}: ${error.message}`);
        out = { code: 500, body: { status: 500, error: 'Internal Server Error', path: url.pathname } };
      }
      const known = ['/actuator/health', '/actuator/prometheus', '/actuator/info', '/api/tickets'].includes(url.pathname) ? url.pathname : 'UNKNOWN';
      if (!url.pathname.startsWith('/_lab/')) observe(req.method, known, out.code, Number(process.hrtime.bigint() - t0) / 1e9);
      res.writeHead(out.code, { 'content-type': out.text !== undefined ? 'text/plain; version=0.0.4' : 'application/json' });
      res.end(out.text ?? JSON.stringify(out.body));
    });
  });
  server.on('error', (error) => {
    log('ERROR', 'o.s.b.d.LoggingFailureAnalysisReporter', error.code === 'EADDRINUSE' ? `Web server failed to start. Port ${PORT} was already in use.` : error.message);
    process.exit(1);
  });
  server.listen(PORT, '0.0.0.0', () => {
    log('INFO', 'o.s.b.w.embedded.tomcat.TomcatWebServer', `Tomcat started on port(s): ${PORT} (http)`);
    log('INFO', 'c.t.api.TicketeroApplication', `Started TicketeroApplication in ${((Date.now() - started) / 1000).toFixed(3)} seconds`);
  });
  deliver();
  for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => { server.close(); process.exit(0); });
}
main();
