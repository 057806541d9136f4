package com.ticketero.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Sends the queued notifications to Telegram; a failed send goes back to the queue and is retried on the next round. */
final class Notifier implements Runnable {
  private static final String LOGGER = "c.t.api.service.TelegramService";
  private final String telegram;
  private final Rabbit rabbit;
  private final Pool pool;
  private final Metrics metrics;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  Notifier(String telegram, Rabbit rabbit, Pool pool, Metrics metrics) {
    this.telegram = telegram;
    this.rabbit = rabbit;
    this.pool = pool;
    this.metrics = metrics;
  }

  private void send(Map<String, Object> message) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(telegram + "/sendMessage"))
        .timeout(Duration.ofSeconds(5))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.write(Json.of("chat_id", message.get("chatId"), "text", message.get("text")))))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      String body = response.body();
      throw new IOException("HTTP " + response.statusCode() + " " + body.substring(0, Math.min(120, body.length())));
    }
  }

  @Override
  public void run() {
    for (;;) {
      try {
        Thread.sleep(3000);
      } catch (InterruptedException ex) {
        return;
      }
      List<Map<String, Object>> batch;
      try {
        batch = rabbit.take(10);
      } catch (Rabbit.RabbitException | RuntimeException ex) {
        continue;
      }
      for (int i = 0; i < batch.size(); i++) {
        Map<String, Object> message = batch.get(i);
        try {
          send(message);
        } catch (IOException | RuntimeException ex) {
          metrics.telegramErrors.incrementAndGet();
          Log.error(LOGGER, "Error sending message to chat " + message.get("chatId") + ": " + Rabbit.reason(ex));
          for (Map<String, Object> back : batch.subList(i, batch.size())) {
            try {
              rabbit.publish(back);
            } catch (Rabbit.RabbitException lost) {
              Log.error(LOGGER, "Could not put the message back in " + Rabbit.QUEUE + ": " + lost.getMessage());
            }
          }
          break;
        } catch (InterruptedException ex) {
          return;
        }
        metrics.telegramSent.incrementAndGet();
        Object ticket = message.get("ticketId");
        try {
          pool.update("INSERT INTO mensaje (ticket_id, chat_id, texto, estado) VALUES (?, ?, ?, 'ENVIADO')",
              ticket instanceof Number n ? n.longValue() : null, String.valueOf(message.get("chatId")), String.valueOf(message.get("text")));
        } catch (java.sql.SQLException ex) {
          Log.warn(LOGGER, "Message to chat " + message.get("chatId") + " sent, not recorded: " + ex.getMessage());
        }
      }
    }
  }
}
