package com.ticketero.api;

import java.net.InetAddress;
import java.net.URI;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The API's endpoints: actuator health, info and metrics, tickets, and the lab's fault control. */
final class Api {
  /** An answer: a status and a JSON body, or Prometheus text. */
  record Answer(int code, Object body, String text) {
    static Answer json(int code, Object body) {
      return new Answer(code, body, null);
    }
  }

  private final Pool pool;
  private final Rabbit rabbit;
  private final Metrics metrics;
  private final Faults faults;
  private final String version;

  Api(Pool pool, Rabbit rabbit, Metrics metrics, Faults faults, String version) {
    this.pool = pool;
    this.rabbit = rabbit;
    this.metrics = metrics;
    this.faults = faults;
    this.version = version;
  }

  Answer route(String method, URI uri, String body, InetAddress from) throws SQLException, InterruptedException {
    String path = uri.getPath();
    if (path.startsWith("/_lab/")) {
      if (!from.isLoopbackAddress()) return Answer.json(403, Json.of("error", "lab control only from inside the container"));
      return Answer.json(200, faults.control(path, uri));
    }
    if (path.equals("/actuator/prometheus")) return new Answer(200, null, metrics.render());
    long delay = faults.delayMs();
    if (delay > 0) Thread.sleep(delay);
    if (faults.storming()) {
      faults.stormLog(path);
      return Answer.json(500, Json.of("timestamp", Instant.now().toString(), "status", 500, "error", "Internal Server Error", "path", path));
    }
    if (path.equals("/actuator/health")) return health();
    if (path.equals("/actuator/info")) return Answer.json(200, Json.of("app", Json.of("name", "ticketero-api", "version", version), "hostname", env("HOSTNAME")));
    if (path.equals("/api/tickets") && method.equals("POST")) return createTicket(body);
    if (path.equals("/api/tickets") && method.equals("GET")) {
      List<Object> out = new ArrayList<>();
      for (String[] r : pool.rows("SELECT id, queue, status FROM ticket ORDER BY id DESC LIMIT 20")) out.add(Json.of("id", Long.parseLong(r[0]), "queue", r[1], "status", r[2]));
      return Answer.json(200, out);
    }
    return Answer.json(404, Json.of("status", 404, "error", "Not Found", "path", path));
  }

  /** UP only after a real query (db) and a real call to the broker (rabbit). */
  private Answer health() {
    Map<String, Object> db;
    try {
      pool.scalar("SELECT 1");
      db = Json.of("status", "UP", "details", Json.of("database", "PostgreSQL", "validationQuery", "isValid()"));
    } catch (SQLException ex) {
      db = Json.of("status", "DOWN", "details", Json.of("error", ex.toString()));
    }
    Map<String, Object> mq;
    try {
      mq = Json.of("status", rabbit.alive() ? "UP" : "DOWN");
    } catch (Rabbit.RabbitException ex) {
      mq = Json.of("status", "DOWN", "details", Json.of("error", "org.springframework.amqp.AmqpConnectException: " + ex.getMessage()));
    }
    boolean up = "UP".equals(db.get("status")) && "UP".equals(mq.get("status"));
    if (!up) Log.warn("o.s.b.a.health.HealthEndpointSupport", "Health check failed: db " + db.get("status") + ", rabbit " + mq.get("status"));
    return Answer.json(up ? 200 : 503, Json.of("status", up ? "UP" : "DOWN", "components", Json.of("db", db, "rabbit", mq, "ping", Json.of("status", "UP"))));
  }

  private static String env(String name) {
    String v = System.getenv(name);
    return v == null ? "" : v;
  }

  private static boolean digits(String s, int min, int max) {
    if (s.length() < min || s.length() > max) return false;
    for (int i = 0; i < s.length(); i++) if (!Character.isDigit(s.charAt(i)) || s.charAt(i) > '9') return false;
    return true;
  }

  private Answer createTicket(String body) throws SQLException {
    Map<String, Object> input;
    try {
      input = Json.object(body.isBlank() ? "{}" : body);
    } catch (IllegalArgumentException ex) {
      return Answer.json(400, Json.of("status", 400, "error", "Bad Request", "message", "JSON parse error"));
    }
    String nationalId = input.get("nationalId") == null ? "" : String.valueOf(input.get("nationalId"));
    Object branch = input.get("branchOffice");
    Object queue = input.get("queue");
    if (!digits(nationalId, 6, 12) || branch == null || String.valueOf(branch).isEmpty() || !Arrays.asList(Metrics.QUEUES).contains(queue)) {
      return Answer.json(400, Json.of("status", 400, "error", "Bad Request", "message", "nationalId (6-12 digits), branchOffice and queue (" + String.join(", ", Metrics.QUEUES) + ") are required"));
    }
    long id = Long.parseLong(pool.scalar("INSERT INTO ticket (national_id, branch_office, queue) VALUES (?, ?, ?) RETURNING id", nationalId, String.valueOf(branch), String.valueOf(queue)));
    metrics.ticketCreated(String.valueOf(queue));
    try {
      rabbit.publish(Json.of("ticketId", id, "chatId", "9" + nationalId, "text", "Ticket " + id + " creado en la cola " + queue));
    } catch (Rabbit.RabbitException ex) {
      Log.error("c.t.api.service.NotificationService", "Could not queue the notification of ticket " + id + ": " + ex.getMessage());
    }
    return Answer.json(201, Json.of("id", id, "nationalId", nationalId, "branchOffice", branch, "queue", queue, "status", "EN_ESPERA"));
  }
}
