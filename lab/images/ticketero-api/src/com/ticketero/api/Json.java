package com.ticketero.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small JSON reader and writer: objects are LinkedHashMaps, arrays Lists, numbers Doubles or Longs. */
final class Json {
  private final String text;
  private int at;

  private Json(String text) {
    this.text = text;
  }

  static Object parse(String text) {
    Json json = new Json(text);
    Object value = json.value();
    json.space();
    if (json.at != text.length()) throw json.error("trailing characters");
    return value;
  }

  /** The object at the top of `text`, or an exception naming why it is not one. */
  static Map<String, Object> object(String text) {
    Object value = parse(text);
    if (!(value instanceof Map<?, ?> map)) throw new IllegalArgumentException("JSON parse error: not an object");
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("JSON parse error: " + what + " at " + at);
  }

  private void space() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) at++;
  }

  private Object value() {
    space();
    if (at >= text.length()) throw error("unexpected end");
    char c = text.charAt(at);
    if (c == '{') return readObject();
    if (c == '[') return readArray();
    if (c == '"') return readString();
    if (text.startsWith("true", at)) { at += 4; return Boolean.TRUE; }
    if (text.startsWith("false", at)) { at += 5; return Boolean.FALSE; }
    if (text.startsWith("null", at)) { at += 4; return null; }
    return readNumber();
  }

  private Map<String, Object> readObject() {
    Map<String, Object> map = new LinkedHashMap<>();
    at++;
    space();
    if (at < text.length() && text.charAt(at) == '}') { at++; return map; }
    for (;;) {
      space();
      if (at >= text.length() || text.charAt(at) != '"') throw error("expected a key");
      String key = readString();
      space();
      if (at >= text.length() || text.charAt(at) != ':') throw error("expected ':'");
      at++;
      map.put(key, value());
      space();
      if (at < text.length() && text.charAt(at) == ',') { at++; continue; }
      if (at < text.length() && text.charAt(at) == '}') { at++; return map; }
      throw error("expected ',' or '}'");
    }
  }

  private List<Object> readArray() {
    List<Object> list = new ArrayList<>();
    at++;
    space();
    if (at < text.length() && text.charAt(at) == ']') { at++; return list; }
    for (;;) {
      list.add(value());
      space();
      if (at < text.length() && text.charAt(at) == ',') { at++; continue; }
      if (at < text.length() && text.charAt(at) == ']') { at++; return list; }
      throw error("expected ',' or ']'");
    }
  }

  private String readString() {
    StringBuilder out = new StringBuilder();
    at++;
    while (at < text.length()) {
      char c = text.charAt(at++);
      if (c == '"') return out.toString();
      if (c != '\\') { out.append(c); continue; }
      if (at >= text.length()) break;
      char e = text.charAt(at++);
      switch (e) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'u' -> {
          if (at + 4 > text.length()) throw error("bad \\u escape");
          out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
          at += 4;
        }
        default -> out.append(e);
      }
    }
    throw error("unterminated string");
  }

  private Object readNumber() {
    int start = at;
    while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) at++;
    String n = text.substring(start, at);
    if (n.isEmpty()) throw error("unexpected character");
    try {
      if (n.contains(".") || n.contains("e") || n.contains("E")) return Double.parseDouble(n);
      return Long.parseLong(n);
    } catch (NumberFormatException ex) {
      throw error("bad number");
    }
  }

  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value);
    return out.toString();
  }

  private static void write(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      quote(out, s);
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) out.append(',');
        first = false;
        quote(out, String.valueOf(e.getKey()));
        out.append(':');
        write(out, e.getValue());
      }
      out.append('}');
    } else if (value instanceof Iterable<?> list) {
      out.append('[');
      boolean first = true;
      for (Object v : list) {
        if (!first) out.append(',');
        first = false;
        write(out, v);
      }
      out.append(']');
    } else {
      quote(out, value.toString());
    }
  }

  private static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
          else out.append(c);
        }
      }
    }
    out.append('"');
  }

  /** A map literal in order: key, value, key, value… */
  static Map<String, Object> of(Object... kv) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < kv.length; i += 2) map.put(String.valueOf(kv[i]), kv[i + 1]);
    return map;
  }
}
