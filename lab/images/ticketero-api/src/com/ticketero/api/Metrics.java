package com.ticketero.api;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Prometheus text for /actuator/prometheus with Micrometer's names: counters since the JVM started, the JVM's own numbers. */
final class Metrics {
  private static final double[] BUCKETS = {0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5};
  static final String[] QUEUES = {"CAJA", "PERSONAL", "EMPRESAS", "GERENCIA"};

  private static final class Requests {
    long count;
    double sum;
    double max;
    final long[] buckets = new long[BUCKETS.length];
  }

  private final Map<String, Requests> requests = new LinkedHashMap<>();
  private final Map<String, AtomicLong> ticketsCreated = new LinkedHashMap<>();
  final AtomicLong telegramSent = new AtomicLong();
  final AtomicLong telegramErrors = new AtomicLong();
  private final Pool pool;

  Metrics(Pool pool) {
    this.pool = pool;
    for (String q : QUEUES) ticketsCreated.put(q, new AtomicLong());
  }

  void ticketCreated(String queue) {
    ticketsCreated.get(queue).incrementAndGet();
  }

  synchronized void observe(String method, String uri, int status, double seconds) {
    String key = "method=\"" + method + "\",uri=\"" + uri + "\",status=\"" + status + "\"";
    Requests r = requests.computeIfAbsent(key, k -> new Requests());
    r.count++;
    r.sum += seconds;
    r.max = Math.max(r.max, seconds);
    for (int i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]) r.buckets[i]++;
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.6f", v);
  }

  private static String le(double v) {
    return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : Double.toString(v);
  }

  synchronized String render() {
    StringBuilder out = new StringBuilder();
    out.append("# HELP http_server_requests_seconds Duration of HTTP server request handling\n# TYPE http_server_requests_seconds histogram\n");
    for (Map.Entry<String, Requests> e : requests.entrySet()) {
      Requests r = e.getValue();
      for (int i = 0; i < BUCKETS.length; i++) out.append("http_server_requests_seconds_bucket{").append(e.getKey()).append(",le=\"").append(le(BUCKETS[i])).append("\"} ").append(r.buckets[i]).append('\n');
      out.append("http_server_requests_seconds_bucket{").append(e.getKey()).append(",le=\"+Inf\"} ").append(r.count).append('\n');
      out.append("http_server_requests_seconds_count{").append(e.getKey()).append("} ").append(r.count).append('\n');
      out.append("http_server_requests_seconds_sum{").append(e.getKey()).append("} ").append(num(r.sum)).append('\n');
      out.append("http_server_requests_seconds_max{").append(e.getKey()).append("} ").append(num(r.max)).append('\n');
    }
    jvm(out);
    String p = "{pool=\"" + Pool.NAME + "\"} ";
    out.append("# TYPE hikaricp_connections_active gauge\nhikaricp_connections_active").append(p).append(pool.active()).append('\n');
    out.append("# TYPE hikaricp_connections_idle gauge\nhikaricp_connections_idle").append(p).append(pool.idleCount()).append('\n');
    out.append("# TYPE hikaricp_connections_max gauge\nhikaricp_connections_max").append(p).append(pool.max()).append('\n');
    out.append("# TYPE hikaricp_connections_pending gauge\nhikaricp_connections_pending").append(p).append(pool.pending()).append('\n');
    out.append("# TYPE hikaricp_connections_timeout_total counter\nhikaricp_connections_timeout_total").append(p).append(pool.timeouts()).append('\n');
    out.append("# TYPE tickets_created_total counter\n");
    ticketsCreated.forEach((q, n) -> out.append("tickets_created_total{queue=\"").append(q).append("\"} ").append(n.get()).append('\n'));
    out.append("# TYPE telegram_messages_sent_total counter\ntelegram_messages_sent_total ").append(telegramSent.get()).append('\n');
    out.append("# TYPE telegram_errors_total counter\ntelegram_errors_total ").append(telegramErrors.get()).append('\n');
    return out.toString();
  }

  /** The JVM's memory pools, GC and threads, from java.lang.management (as Micrometer's JVM binders read them). */
  private static void jvm(StringBuilder out) {
    StringBuilder used = new StringBuilder("# TYPE jvm_memory_used_bytes gauge\n");
    StringBuilder committed = new StringBuilder("# TYPE jvm_memory_committed_bytes gauge\n");
    StringBuilder max = new StringBuilder("# TYPE jvm_memory_max_bytes gauge\n");
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage u = pool.getUsage();
      if (u == null) continue;
      String tags = "{area=\"" + (pool.getType() == MemoryType.HEAP ? "heap" : "nonheap") + "\",id=\"" + pool.getName() + "\"} ";
      used.append("jvm_memory_used_bytes").append(tags).append(u.getUsed()).append('\n');
      committed.append("jvm_memory_committed_bytes").append(tags).append(u.getCommitted()).append('\n');
      max.append("jvm_memory_max_bytes").append(tags).append(u.getMax()).append('\n');
    }
    out.append(used).append(committed).append(max);
    out.append("# TYPE jvm_gc_pause_seconds summary\n");
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      String tags = "{gc=\"" + gc.getName() + "\"} ";
      out.append("jvm_gc_pause_seconds_count").append(tags).append(Math.max(0, gc.getCollectionCount())).append('\n');
      out.append("jvm_gc_pause_seconds_sum").append(tags).append(num(Math.max(0, gc.getCollectionTime()) / 1000.0)).append('\n');
    }
    var threads = ManagementFactory.getThreadMXBean();
    out.append("# TYPE jvm_threads_live_threads gauge\njvm_threads_live_threads ").append(threads.getThreadCount()).append('\n');
    out.append("# TYPE jvm_threads_peak_threads gauge\njvm_threads_peak_threads ").append(threads.getPeakThreadCount()).append('\n');
    out.append("# TYPE process_uptime_seconds gauge\nprocess_uptime_seconds ").append(num(ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0)).append('\n');
    out.append("# TYPE system_cpu_count gauge\nsystem_cpu_count ").append(Runtime.getRuntime().availableProcessors()).append('\n');
  }
}
