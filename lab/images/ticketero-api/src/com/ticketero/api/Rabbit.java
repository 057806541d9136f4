package com.ticketero.api;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * RabbitMQ through its management HTTP API (the JDK has no AMQP client): a durable queue for the
 * Telegram notifications, published to and taken from through the broker's default exchange.
 */
final class Rabbit {
  static final String QUEUE = "telegram.notifications";
  private static final String QUEUE_PATH = "/api/queues/%2F/" + URLEncoder.encode(QUEUE, StandardCharsets.UTF_8);

  private final String base;
  private final String auth;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  Rabbit(String base, String user, String password) {
    this.base = base;
    this.auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A failed call, said as Spring AMQP's connection errors say it. */
  static final class RabbitException extends Exception {
    private static final long serialVersionUID = 1L;

    RabbitException(String message) {
      super(message);
    }
  }

  private Object call(String method, String path, Object body) throws RabbitException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(5))
        .header("authorization", auth)
        .header("content-type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(Json.write(body)));
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new RabbitException("interrupted");
    } catch (IOException | UnresolvedAddressException ex) {
      throw new RabbitException(reason(ex));
    }
    String text = response.body();
    if (response.statusCode() >= 300) throw new RabbitException("RabbitMQ " + method + " " + path + ": HTTP " + response.statusCode() + " " + text.substring(0, Math.min(200, text.length())));
    return text.isEmpty() ? null : Json.parse(text);
  }

  /** The reason of a failed connection, as the OS says it (Connection refused, the unknown host…). */
  static String reason(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) return "Connection refused";
      if (t instanceof HttpTimeoutException) return "Read timed out";
      if (t instanceof UnresolvedAddressException || t instanceof java.net.UnknownHostException) return "UnknownHostException";
    }
    return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
  }

  void declareQueue() throws RabbitException {
    call("PUT", QUEUE_PATH, Json.of("durable", true, "auto_delete", false));
  }

  /** A real call through the broker's vhost: the notifications queue is there. */
  boolean alive() throws RabbitException {
    return call("GET", QUEUE_PATH, null) instanceof Map<?, ?> q && QUEUE.equals(q.get("name"));
  }

  void publish(Map<String, Object> message) throws RabbitException {
    Object r = call("POST", "/api/exchanges/%2F/amq.default/publish", Json.of(
        "properties", Json.of("delivery_mode", 2, "content_type", "application/json"),
        "routing_key", QUEUE, "payload", Json.write(message), "payload_encoding", "string"));
    if (!(r instanceof Map<?, ?> m) || !Boolean.TRUE.equals(m.get("routed"))) throw new RabbitException("RabbitMQ: message not routed to " + QUEUE);
  }

  /** Takes up to `count` messages off the queue (acknowledged: a failed send publishes it again). */
  List<Map<String, Object>> take(int count) throws RabbitException {
    Object r = call("POST", QUEUE_PATH + "/get", Json.of("count", count, "ackmode", "ack_requeue_false", "encoding", "auto"));
    List<Map<String, Object>> out = new ArrayList<>();
    if (r instanceof List<?> list) {
      for (Object m : list) if (m instanceof Map<?, ?> map && map.get("payload") instanceof String payload) out.add(Json.object(payload));
    }
    return out;
  }
}
