package com.ticketero.api;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Spring Boot's console line: time, level, PID, thread, logger, message. */
final class Log {
  private static final long PID = ProcessHandle.current().pid();

  private Log() {}

  static synchronized void line(String level, String logger, String message) {
    String thread = Thread.currentThread().getName();
    if (thread.length() > 15) thread = thread.substring(thread.length() - 15);
    System.out.printf("%s %5s %d --- [%15s] %-40s : %s%n", Instant.now().truncatedTo(ChronoUnit.MILLIS), level, PID, thread, logger, message);
    System.out.flush();
  }

  static void info(String logger, String message) {
    line("INFO", logger, message);
  }

  static void warn(String logger, String message) {
    line("WARN", logger, message);
  }

  static void error(String logger, String message) {
    line("ERROR", logger, message);
  }
}
