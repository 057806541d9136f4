package com.ticketero.api;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lab's faults, set from inside the container through /_lab/…: slow answers and a storm of
 * 500s. Both end by themselves. The storm's log is bounded in rate as well as in time: at most
 * LINES_PER_S stack-trace lines a second; the rest of that second's errors are counted and said in one line.
 */
final class Faults {
  private static final int LINES_PER_S = 5;
  private static final String SERVLET = "o.a.c.c.C.[.[.[/].[dispatcherServlet]";

  private volatile long slowMs;
  private volatile long slowUntil;
  private volatile long stormUntil;
  private long stormSecond;
  private int stormLines;
  private int suppressed;

  static Map<String, String> query(URI uri) {
    Map<String, String> out = new LinkedHashMap<>();
    String q = uri.getRawQuery();
    if (q == null) return out;
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) out.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return out;
  }

  private static long number(String text, long fallback) {
    try {
      return text == null ? fallback : Long.parseLong(text);
    } catch (NumberFormatException ex) {
      return fallback;
    }
  }

  /** POST /_lab/slow?ms=&seconds= or /_lab/storm?seconds=; 0 seconds ends the fault. */
  Map<String, Object> control(String path, URI uri) {
    Map<String, String> q = query(uri);
    long seconds = Math.min(number(q.get("seconds"), 60), 900);
    long until = seconds > 0 ? System.currentTimeMillis() + seconds * 1000 : 0;
    if (path.equals("/_lab/slow")) {
      slowMs = Math.min(number(q.get("ms"), 800), 9000);
      slowUntil = until;
    }
    if (path.equals("/_lab/storm")) stormUntil = until;
    Log.warn("lab", "fault " + path + " for " + seconds + " s");
    return Json.of("slowUntil", slowUntil, "stormUntil", stormUntil);
  }

  /** How long this request waits first (0 when the API is not slow). */
  long delayMs() {
    return System.currentTimeMillis() < slowUntil ? slowMs : 0;
  }

  boolean storming() {
    return System.currentTimeMillis() < stormUntil;
  }

  synchronized void stormLog(String path) {
    long second = System.currentTimeMillis() / 1000;
    if (second != stormSecond) {
      if (suppressed > 0) Log.error(SERVLET, suppressed + " more requests failed the same way in the last second (not logged one by one)");
      stormSecond = second;
      stormLines = 0;
      suppressed = 0;
    }
    if (stormLines >= LINES_PER_S) {
      suppressed++;
      return;
    }
    stormLines++;
    Log.error(SERVLET, "Servlet.service() for servlet [dispatcherServlet] threw exception: java.lang.IllegalStateException: Connection pool shut down (" + path + ")");
  }
}
