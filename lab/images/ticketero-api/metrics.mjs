// Prometheus text for /actuator/prometheus, with Micrometer's names: counters since the process started.
import v8 from 'node:v8';
import { pool } from './db.mjs';

const BUCKETS = [0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5];
const requests = new Map();
export const counters = { ticketsCreated: new Map([['CAJA', 0], ['PERSONAL', 0], ['EMPRESAS', 0], ['GERENCIA', 0]]), telegramSent: 0, telegramErrors: 0 };

export function observe(method, uri, status, seconds) {
  const key = `method="${method}",uri="${uri}",status="${status}"`;
  let r = requests.get(key);
  if (!r) requests.set(key, (r = { count: 0, sum: 0, max: 0, buckets: BUCKETS.map(() => 0) }));
  r.count += 1;
  r.sum += seconds;
  r.max = Math.max(r.max, seconds);
  BUCKETS.forEach((le, i) => { if (seconds <= le) r.buckets[i] += 1; });
}

export function render() {
  const lines = ['# HELP http_server_requests_seconds Duration of HTTP server request handling', '# TYPE http_server_requests_seconds histogram'];
  for (const [key, r] of requests) {
    BUCKETS.forEach((le, i) => lines.push(`http_server_requests_seconds_bucket{${key},le="${le}"} ${r.buckets[i]}`));
    lines.push(`http_server_requests_seconds_bucket{${key},le="+Inf"} ${r.count}`);
    lines.push(`http_server_requests_seconds_count{${key}} ${r.count}`, `http_server_requests_seconds_sum{${key}} ${r.sum.toFixed(6)}`, `http_server_requests_seconds_max{${key}} ${r.max.toFixed(6)}`);
  }
  const heap = process.memoryUsage();
  const limit = v8.getHeapStatistics().heap_size_limit;
  lines.push('# TYPE jvm_memory_used_bytes gauge', `jvm_memory_used_bytes{area="heap",id="node-heap"} ${heap.heapUsed}`, `jvm_memory_used_bytes{area="nonheap",id="node-external"} ${heap.external}`);
  lines.push('# TYPE jvm_memory_max_bytes gauge', `jvm_memory_max_bytes{area="heap",id="node-heap"} ${limit}`, `jvm_memory_max_bytes{area="nonheap",id="node-external"} -1`);
  lines.push('# TYPE hikaricp_connections_active gauge', `hikaricp_connections_active{pool="HikariPool-1"} ${pool.active}`);
  lines.push('# TYPE hikaricp_connections_max gauge', `hikaricp_connections_max{pool="HikariPool-1"} ${pool.max}`);
  lines.push('# TYPE hikaricp_connections_pending gauge', `hikaricp_connections_pending{pool="HikariPool-1"} ${pool.pending}`);
  lines.push('# TYPE tickets_created_total counter');
  for (const [queue, n] of counters.ticketsCreated) lines.push(`tickets_created_total{queue="${queue}"} ${n}`);
  lines.push('# TYPE telegram_messages_sent_total counter', `telegram_messages_sent_total ${counters.telegramSent}`);
  lines.push('# TYPE telegram_errors_total counter', `telegram_errors_total ${counters.telegramErrors}`);
  return `${lines.join('\n')}\n`;
}
