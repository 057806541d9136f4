package com.ticketero.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/** The lab's stand-in for the Telegram Bot API: getMe and sendMessage for one bot token, and a bounded outage on request. */
public final class TelegramStandIn {
  private static volatile long outageUntil;
  private static final AtomicLong SENT = new AtomicLong();

  private TelegramStandIn() {}

  private static void log(String message) {
    System.out.println(Instant.now() + " " + message);
    System.out.flush();
  }

  private static void answer(HttpExchange ex, int status, Object body) throws IOException {
    byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("content-type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(bytes);
    }
  }

  private static Map<String, Object> error(int code, String description) {
    return Json.of("ok", false, "error_code", code, "description", description);
  }

  private static void handle(HttpExchange ex, String token) throws IOException {
    String path = ex.getRequestURI().getPath();
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    long now = System.currentTimeMillis();
    // The lab's control: an outage of N seconds (502 Bad Gateway for every bot call), only from inside the container.
    if (path.equals("/_lab/outage") && ex.getRequestMethod().equals("POST")) {
      if (!ex.getRemoteAddress().getAddress().isLoopbackAddress()) {
        answer(ex, 403, Json.of("ok", false));
        return;
      }
      String s = Faults.query(ex.getRequestURI()).getOrDefault("seconds", "60");
      long seconds;
      try {
        seconds = Math.min(Long.parseLong(s), 600);
      } catch (NumberFormatException e) {
        seconds = 60;
      }
      outageUntil = seconds > 0 ? now + seconds * 1000 : 0;
      log("lab: outage for " + seconds + " s");
      answer(ex, 200, Json.of("ok", true, "until", Instant.ofEpochMilli(outageUntil).toString()));
      return;
    }
    if (path.equals("/_lab/state")) {
      answer(ex, 200, Json.of("ok", true, "outage", now < outageUntil, "sent", SENT.get()));
      return;
    }
    int slash = path.indexOf('/', 1);
    String method = slash > 0 ? path.substring(slash + 1) : "";
    if (!path.startsWith("/bot") || slash < 0 || !(method.equals("getMe") || method.equals("sendMessage"))) {
      answer(ex, 404, error(404, "Not Found"));
      return;
    }
    if (now < outageUntil) {
      answer(ex, 502, error(502, "Bad Gateway"));
      return;
    }
    if (!path.substring(4, slash).equals(token)) {
      answer(ex, 401, error(401, "Unauthorized"));
      return;
    }
    if (method.equals("getMe")) {
      answer(ex, 200, Json.of("ok", true, "result", Json.of("id", 7000000001L, "is_bot", true, "first_name", "Ticketero", "username", "ticketero_lab_bot")));
      return;
    }
    Map<String, Object> message;
    try {
      message = Json.object(body.isBlank() ? "{}" : body);
    } catch (IllegalArgumentException e) {
      answer(ex, 400, error(400, "Bad Request: invalid JSON"));
      return;
    }
    Object chat = message.get("chat_id");
    Object text = message.get("text");
    if (chat == null || String.valueOf(chat).isEmpty() || text == null || String.valueOf(text).isEmpty()) {
      answer(ex, 400, error(400, "Bad Request: chat_id and text are required"));
      return;
    }
    long id = SENT.incrementAndGet();
    log("sendMessage chat_id=" + chat);
    long chatId;
    try {
      chatId = Long.parseLong(String.valueOf(chat));
    } catch (NumberFormatException e) {
      chatId = 0;
    }
    answer(ex, 200, Json.of("ok", true, "result", Json.of("message_id", id, "chat", Json.of("id", chatId), "date", now / 1000, "text", text)));
  }

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8081"));
    String token = System.getenv().getOrDefault("TELEGRAM_BOT_TOKEN", "");
    HttpServer server = HttpServer.create(new InetSocketAddress("0.0.0.0", port), 64);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/", ex -> {
      try {
        handle(ex, token);
      } finally {
        ex.close();
      }
    });
    server.start();
    log("Telegram Bot API stand-in on port " + port);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
  }
}
