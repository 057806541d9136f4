// INATrace backend stand-in: logs like Spring Boot, migrates at start, health = a real DB login.
import http from 'node:http';
import { query } from './db.mjs';
import { migrate, FlywayException } from './migrate.mjs';

const PORT = Number(process.env.SERVER_PORT || 8080);
const started = Date.now();
function log(level, logger, message) {
  process.stdout.write(`${new Date().toISOString().replace('Z', '+00:00')}  ${level.padStart(5)} 1 --- [main] ${logger.padEnd(40)} : ${message}\n`);
}
function die(error) {
  const kind = error instanceof FlywayException ? 'org.flywaydb.core.api.FlywayException' : 'org.springframework.beans.factory.BeanCreationException';
  log('ERROR', 'o.s.boot.SpringApplication', 'Application run failed');
  process.stdout.write(`${kind}: Error creating bean with name 'flywayInitializer': ${error.message}\n\tat org.flywaydb.core.Flyway.migrate(Flyway.java:178)\n`);
  process.exit(1);
}

async function health() {
  try {
    const rows = await query('SELECT 1');
    return { status: rows[0] && rows[0][0] === '1' ? 'UP' : 'DOWN', components: { db: { status: 'UP', details: { database: 'MySQL', validationQuery: 'isValid()' } }, ping: { status: 'UP' } } };
  } catch (error) {
    log('ERROR', 'o.s.b.a.jdbc.DataSourceHealthIndicator', `DataSource health check failed: ${error.message}`);
    return { status: 'DOWN', components: { db: { status: 'DOWN', details: { error: error.message.split('\n')[0] } }, ping: { status: 'UP' } } };
  }
}

async function main() {
  log('INFO', 'c.a.i.INATraceBackendApplication', `Starting INATraceBackendApplication v${process.env.APP_VERSION || 'lab'} using Node ${process.version}`);
  log('INFO', 'com.zaxxer.hikari.HikariDataSource', 'HikariPool-1 - Starting...');
  try { await query('SELECT 1'); } catch (error) {
    log('ERROR', 'com.zaxxer.hikari.pool.HikariPool', `HikariPool-1 - Exception during pool initialization.\n${error.message}`);
    die(new Error(`Unable to obtain connection from database: ${error.message}`));
  }
  log('INFO', 'com.zaxxer.hikari.HikariDataSource', 'HikariPool-1 - Start completed.');
  try { await migrate(log, process.env.INATRACE_FLYWAY_REPAIR_ON_STARTUP === 'true'); } catch (error) { die(error); }
  const server = http.createServer(async (req, res) => {
    const url = (req.url || '/').split('?')[0];
    if (url === '/actuator/health') {
      const body = await health();
      res.writeHead(body.status === 'UP' ? 200 : 503, { 'content-type': 'application/json' });
      return res.end(JSON.stringify(body));
    }
    if (url === '/api/public/users/count') {
      try { const rows = await query('SELECT COUNT(*) FROM `User`'); res.writeHead(200, { 'content-type': 'application/json' }); return res.end(JSON.stringify({ users: Number(rows[0][0]) })); }
      catch (error) { log('ERROR', 'o.a.c.c.C.[.[.[/].[dispatcherServlet]', error.message); res.writeHead(500); return res.end('{"status":500}'); }
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"status":404,"error":"Not Found"}');
  });
  server.on('error', (error) => {
    if (error.code === 'EADDRINUSE') {
      log('ERROR', 'o.s.b.d.LoggingFailureAnalysisReporter', `\n\n***************************\nAPPLICATION FAILED TO START\n***************************\n\nDescription:\n\nWeb server failed to start. Port ${PORT} was already in use.\n`);
      process.exit(1);
    }
    throw error;
  });
  server.listen(PORT, '0.0.0.0', () => {
    log('INFO', 'o.s.b.w.embedded.tomcat.TomcatWebServer', `Tomcat started on port(s): ${PORT} (http) with context path ''`);
    log('INFO', 'c.a.i.INATraceBackendApplication', `Started INATraceBackendApplication in ${((Date.now() - started) / 1000).toFixed(3)} seconds (process running for ${process.uptime().toFixed(3)})`);
  });
  for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => { log('INFO', 'o.s.b.w.e.tomcat.GracefulShutdown', 'Commencing graceful shutdown.'); server.close(); process.exit(0); });
}
main();
