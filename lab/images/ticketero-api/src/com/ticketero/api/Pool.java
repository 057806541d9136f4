package com.ticketero.api;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * PostgreSQL through the JDBC driver, behind a small pool named as Hikari names its first one: its
 * numbers are the hikaricp_* metrics. A connection idle for a while is validated before use; one
 * that failed with a connection error is closed, not given back.
 */
final class Pool {
  static final String NAME = "HikariPool-1";
  private static final long VALIDATE_AFTER_MS = 500;
  private static final long CONNECTION_TIMEOUT_MS = 10_000;

  private final String url;
  private final Properties props = new Properties();
  private final int max;
  private final Semaphore permits;
  private final ArrayDeque<Idle> idle = new ArrayDeque<>();
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicInteger timeouts = new AtomicInteger();

  private record Idle(Connection connection, long since) {}

  /** What to do with a connection: a query's rows, an update… */
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  Pool(String host, String port, String database, String user, String password, int max) {
    this.url = "jdbc:postgresql://" + host + ":" + port + "/" + database;
    props.setProperty("user", user);
    props.setProperty("password", password);
    props.setProperty("connectTimeout", "3");
    props.setProperty("loginTimeout", "3");
    props.setProperty("socketTimeout", "15");
    props.setProperty("ApplicationName", "ticketero-api");
    this.max = max;
    this.permits = new Semaphore(max, true);
  }

  String url() {
    return url;
  }

  int max() {
    return max;
  }

  int active() {
    return active.get();
  }

  int pending() {
    return pending.get();
  }

  int idleCount() {
    synchronized (idle) {
      return idle.size();
    }
  }

  int timeouts() {
    return timeouts.get();
  }

  <T> T with(Work<T> work) throws SQLException {
    // Pending counts only the requests that really wait for a connection (all of the pool's in use).
    boolean got = permits.tryAcquire();
    if (!got) {
      pending.incrementAndGet();
      try {
        got = permits.tryAcquire(CONNECTION_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new SQLTransientConnectionException(NAME + " - Interrupted while waiting for a connection");
      } finally {
        pending.decrementAndGet();
      }
    }
    if (!got) {
      timeouts.incrementAndGet();
      throw new SQLTransientConnectionException(NAME + " - Connection is not available, request timed out after " + CONNECTION_TIMEOUT_MS + "ms.");
    }
    active.incrementAndGet();
    Connection connection = null;
    boolean broken = false;
    try {
      connection = borrow();
      return work.run(connection);
    } catch (SQLException ex) {
      String state = ex.getSQLState();
      broken = state == null || state.startsWith("08") || state.startsWith("57P");
      throw ex;
    } finally {
      if (connection != null) giveBack(connection, broken);
      active.decrementAndGet();
      permits.release();
    }
  }

  private Connection borrow() throws SQLException {
    for (;;) {
      Idle next;
      synchronized (idle) {
        next = idle.pollFirst();
      }
      if (next == null) return DriverManager.getConnection(url, props);
      if (System.currentTimeMillis() - next.since() < VALIDATE_AFTER_MS || next.connection().isValid(2)) return next.connection();
      quietClose(next.connection());
    }
  }

  private void giveBack(Connection connection, boolean broken) {
    try {
      if (broken || connection.isClosed()) {
        quietClose(connection);
        return;
      }
      if (!connection.getAutoCommit()) connection.setAutoCommit(true);
    } catch (SQLException ex) {
      quietClose(connection);
      return;
    }
    synchronized (idle) {
      idle.addFirst(new Idle(connection, System.currentTimeMillis()));
    }
  }

  private static void quietClose(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // A broken connection may fail to close; it is gone either way.
    }
  }

  /** Rows of a query, each as its columns' text. */
  List<String[]> rows(String sql, Object... args) throws SQLException {
    return with(c -> {
      try (var st = c.prepareStatement(sql)) {
        for (int i = 0; i < args.length; i++) st.setObject(i + 1, args[i]);
        List<String[]> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            String[] row = new String[n];
            for (int i = 0; i < n; i++) row[i] = rs.getString(i + 1);
            out.add(row);
          }
        }
        return out;
      }
    });
  }

  /** The first column of the first row, or null. */
  String scalar(String sql, Object... args) throws SQLException {
    List<String[]> rows = rows(sql, args);
    return rows.isEmpty() ? null : rows.get(0)[0];
  }

  int update(String sql, Object... args) throws SQLException {
    return with(c -> {
      try (var st = c.prepareStatement(sql)) {
        for (int i = 0; i < args.length; i++) st.setObject(i + 1, args[i]);
        return st.executeUpdate();
      }
    });
  }

  /** A script of several statements in one transaction, then `after` in the same transaction. */
  void script(String text, String after, Object... afterArgs) throws SQLException {
    with(c -> {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement(); var post = c.prepareStatement(after)) {
        st.execute(text);
        for (int i = 0; i < afterArgs.length; i++) post.setObject(i + 1, afterArgs[i]);
        post.executeUpdate();
        c.commit();
      } catch (SQLException ex) {
        c.rollback();
        throw ex;
      }
      return null;
    });
  }
}
