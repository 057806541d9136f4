package com.ticketero.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one setting of Spring's application-prod.yml the lab's API honours:
 * spring.datasource.hikari.maximum-pool-size (TKA-18 raises it). A small reader of YAML's block
 * mappings: a key's path is the keys of the lines above it with less indentation.
 */
final class AppConfig {
  private AppConfig() {}

  /** The value at a dotted path (`spring.datasource.hikari.maximum-pool-size`), or null. */
  static String value(Path file, String dotted) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException ex) {
      return null;
    }
    List<Integer> indents = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (String raw : lines) {
      String line = stripComment(raw);
      if (line.isBlank() || line.trim().startsWith("-")) continue;
      int indent = line.length() - line.stripLeading().length();
      int colon = line.indexOf(':');
      if (colon < 0) continue;
      while (!indents.isEmpty() && indents.get(indents.size() - 1) >= indent) {
        indents.remove(indents.size() - 1);
        keys.remove(keys.size() - 1);
      }
      String key = line.substring(indent, colon).trim();
      String rest = line.substring(colon + 1).trim();
      indents.add(indent);
      keys.add(key);
      if (String.join(".", keys).equals(dotted) && !rest.isEmpty()) return unquote(rest);
      // Spring also takes the flat form: `spring.datasource.hikari.maximum-pool-size: 20`.
      if (key.equals(dotted) && !rest.isEmpty()) return unquote(rest);
    }
    return null;
  }

  private static String stripComment(String line) {
    int hash = line.indexOf(" #");
    if (line.stripLeading().startsWith("#")) return "";
    return hash >= 0 ? line.substring(0, hash) : line;
  }

  private static String unquote(String v) {
    if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) return v.substring(1, v.length() - 1);
    return v;
  }

  /** The pool size: the file's, else DB_POOL_MAX, else Hikari's default (10). */
  static int poolSize(Path file) {
    String fromFile = value(file, "spring.datasource.hikari.maximum-pool-size");
    String text = fromFile != null ? fromFile : System.getenv().getOrDefault("DB_POOL_MAX", "10");
    try {
      int n = Integer.parseInt(text.trim());
      if (n >= 1) return n;
    } catch (NumberFormatException ignored) {
      // Falls through to the message below.
    }
    throw new IllegalArgumentException("Failed to bind properties under 'spring.datasource.hikari.maximum-pool-size' to int: \"" + text + "\"");
  }
}
