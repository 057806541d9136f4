// Database access through the real MariaDB client: every query is a real login.
import { execFile } from 'node:child_process';

export const cfg = {
  host: process.env.INATRACE_DATABASE_HOSTNAME || 'mysql',
  port: process.env.INATRACE_DATABASE_PORT || '3306',
  name: process.env.INATRACE_DATABASE_NAME || 'inatrace',
  user: process.env.SPRING_DATASOURCE_USERNAME || 'inatrace',
  password: process.env.SPRING_DATASOURCE_PASSWORD || '',
};

/** Runs SQL (from stdin) and resolves with the rows as arrays of strings. */
export function query(sql) {
  return new Promise((resolve, reject) => {
    const args = ['--protocol=TCP', '--connect-timeout=3', '-h', cfg.host, '-P', cfg.port, '-u', cfg.user, '-N', '-B', cfg.name];
    const child = execFile('mariadb', args, { env: { ...process.env, MYSQL_PWD: cfg.password }, timeout: 15000 }, (error, stdout, stderr) => {
      if (error) {
        const e = new Error(javaMessage(String(stderr || error.message)));
        e.raw = String(stderr);
        return reject(e);
      }
      resolve(stdout.split('\n').filter((l) => l !== '').map((l) => l.split('\t')));
    });
    child.stdin.end(sql);
  });
}

/** The exception a Spring Boot + Connector/J backend would log for a client error. */
function javaMessage(stderr) {
  const first = stderr.split('\n').find((l) => l.trim() !== '') || stderr;
  if (/ERROR 1045/.test(first)) {
    const who = /for user '([^']*)'@'([^']*)'/.exec(first);
    return `java.sql.SQLException: Access denied for user '${who ? who[1] : cfg.user}'@'${who ? who[2] : '%'}' (using password: YES)`;
  }
  if (/ERROR 200[0-9]|ERROR 2013/.test(first)) {
    return 'com.mysql.cj.jdbc.exceptions.CommunicationsException: Communications link failure\n\n' +
      'The last packet sent successfully to the server was 0 milliseconds ago. The driver has not received any packets from the server. (' + first.trim() + ')';
  }
  return `java.sql.SQLException: ${first.trim()}`;
}
