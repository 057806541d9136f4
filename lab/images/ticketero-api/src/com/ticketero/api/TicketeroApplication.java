package com.ticketero.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * Ticketero API for the lab: migrations at start, /actuator/health UP only after a real query and
 * a real RabbitMQ call, /actuator/prometheus with real counters and the JVM's numbers, tickets and
 * their Telegram notifications through a queue. Spring Boot's log signatures, without Spring.
 */
public final class TicketeroApplication {
  private static final String APP = "c.t.api.TicketeroApplication";
  private static final String HIKARI = "com.zaxxer.hikari.HikariDataSource";
  private static final String AMQP = "o.s.a.r.c.CachingConnectionFactory";
  private static final Set<String> KNOWN = Set.of("/actuator/health", "/actuator/prometheus", "/actuator/info", "/api/tickets");

  private TicketeroApplication() {}

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isEmpty() ? fallback : v;
  }

  private static void connectDatabase(Pool pool) throws SQLException, InterruptedException {
    Log.info(HIKARI, Pool.NAME + " - Starting...");
    for (int attempt = 1; ; attempt++) {
      try {
        pool.scalar("SELECT 1");
        Log.info(HIKARI, Pool.NAME + " - Start completed (" + pool.url() + ", maximumPoolSize=" + pool.max() + ")");
        return;
      } catch (SQLException ex) {
        Log.error("com.zaxxer.hikari.pool.HikariPool", Pool.NAME + " - Exception during pool initialization. " + ex);
        if (attempt >= 15) throw ex;
        Thread.sleep(2000);
      }
    }
  }

  private static void connectRabbit(Rabbit rabbit) throws Rabbit.RabbitException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        Log.info(AMQP, "Attempting to connect to: [rabbitmq:5672]");
        rabbit.declareQueue();
        Log.info(AMQP, "Created new connection: rabbitConnectionFactory#1 (queue " + Rabbit.QUEUE + ")");
        return;
      } catch (Rabbit.RabbitException ex) {
        Log.error("o.s.a.r.l.SimpleMessageListenerContainer", "org.springframework.amqp.AmqpConnectException: java.net.ConnectException: " + ex.getMessage());
        if (attempt >= 30) throw ex;
        Thread.sleep(2000);
      }
    }
  }

  private static void answer(HttpExchange ex, Api api, Metrics metrics) throws IOException {
    long t0 = System.nanoTime();
    URI uri = ex.getRequestURI();
    String path = uri.getPath();
    String method = ex.getRequestMethod();
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Api.Answer out;
    try {
      out = api.route(method, uri, body, ex.getRemoteAddress().getAddress());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      out = Api.Answer.json(503, Json.of("status", 503, "error", "Service Unavailable", "path", path));
    } catch (SQLException | RuntimeException e) {
      Log.error("c.t.api.web.ErrorHandler", method + " " + path + ": " + e);
      out = Api.Answer.json(500, Json.of("status", 500, "error", "Internal Server Error", "path", path));
    }
    if (!path.startsWith("/_lab/")) metrics.observe(method, KNOWN.contains(path) ? path : "UNKNOWN", out.code(), (System.nanoTime() - t0) / 1e9);
    byte[] bytes = (out.text() != null ? out.text() : Json.write(out.body())).getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("content-type", out.text() != null ? "text/plain; version=0.0.4" : "application/json");
    ex.sendResponseHeaders(out.code(), bytes.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(bytes);
    }
  }

  private static void failed(Exception ex) {
    Log.error("o.s.boot.SpringApplication", "Application run failed: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
    System.exit(1);
  }

  public static void main(String[] args) throws InterruptedException {
    String version = env("APP_VERSION", "lab");
    int port = Integer.parseInt(env("SERVER_PORT", "8080"));
    Log.info(APP, "Starting TicketeroApplication v" + version + " using Java " + System.getProperty("java.version") + " with PID " + ProcessHandle.current().pid());
    Log.info(APP, String.format(Locale.ROOT, "JVM %s, max heap %d MB, JAVA_OPTS: %s", System.getProperty("java.vm.name"), Runtime.getRuntime().maxMemory() / (1024 * 1024), env("JAVA_OPTS", "(none)")));
    Pool pool;
    try {
      Path config = Path.of(env("SPRING_CONFIG_FILE", "/app/config/application-prod.yml"));
      pool = new Pool(env("DB_HOST", "postgres"), env("DB_PORT", "5432"), env("DB_DATABASE", "ticketero"), env("SPRING_DATASOURCE_USERNAME", "ticketero_user"), env("SPRING_DATASOURCE_PASSWORD", ""), AppConfig.poolSize(config));
      connectDatabase(pool);
      Migrations.migrate(pool, Path.of(env("MIGRATIONS_DIR", "/app/migrations")));
    } catch (SQLException | IOException | RuntimeException ex) {
      failed(ex);
      return;
    }
    Rabbit rabbit = new Rabbit(env("RABBITMQ_MANAGEMENT_URL", "http://rabbitmq:15672"), env("SPRING_RABBITMQ_USERNAME", "dev"), env("SPRING_RABBITMQ_PASSWORD", "dev123"));
    try {
      connectRabbit(rabbit);
    } catch (Rabbit.RabbitException ex) {
      failed(ex);
      return;
    }
    Metrics metrics = new Metrics(pool);
    Api api = new Api(pool, rabbit, metrics, new Faults(), version);
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress("0.0.0.0", port), 128);
    } catch (BindException ex) {
      Log.error("o.s.b.d.LoggingFailureAnalysisReporter", "Web server failed to start. Port " + port + " was already in use.");
      System.exit(1);
      return;
    } catch (IOException ex) {
      failed(ex);
      return;
    }
    server.setExecutor(Executors.newFixedThreadPool(64, r -> {
      Thread t = new Thread(r);
      t.setName("http-nio-" + port + "-exec-" + t.getId());
      return t;
    }));
    server.createContext("/", ex -> {
      try {
        answer(ex, api, metrics);
      } finally {
        ex.close();
      }
    });
    server.start();
    Log.info("o.s.b.w.embedded.tomcat.TomcatWebServer", "Tomcat started on port(s): " + port + " (http)");
    double seconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
    Log.info(APP, String.format(Locale.ROOT, "Started TicketeroApplication in %.3f seconds (process running for %.3f)", seconds, seconds));
    String telegram = env("TELEGRAM_API_URL", "https://api.telegram.org") + "/bot" + env("TELEGRAM_BOT_TOKEN", "");
    Thread worker = new Thread(new Notifier(telegram, rabbit, pool, metrics), "notifications");
    worker.setDaemon(true);
    worker.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "shutdown"));
  }
}
