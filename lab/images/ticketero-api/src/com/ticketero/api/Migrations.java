package com.ticketero.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Flyway-style migrations: V<n>__<description>.sql in order, each recorded in flyway_schema_history. */
final class Migrations {
  private static final String LOGGER = "o.f.core.internal.command.DbMigrate";

  private record Script(int version, String description, Path file) {}

  private Migrations() {}

  /** A failed migration recorded earlier stops the start, as Flyway's validation does. */
  static void migrate(Pool pool, Path dir) throws SQLException, IOException {
    pool.update("CREATE TABLE IF NOT EXISTS flyway_schema_history (installed_rank INT PRIMARY KEY, version VARCHAR(50), description VARCHAR(200) NOT NULL, script VARCHAR(1000) NOT NULL, installed_on TIMESTAMP NOT NULL DEFAULT now(), success BOOLEAN NOT NULL)");
    String failed = pool.scalar("SELECT version FROM flyway_schema_history WHERE NOT success ORDER BY installed_rank LIMIT 1");
    if (failed != null) throw new IllegalStateException("org.flywaydb.core.api.exception.FlywayValidateException: Validate failed: Detected failed migration to version " + failed);
    Set<String> done = new HashSet<>();
    for (String[] row : pool.rows("SELECT version FROM flyway_schema_history")) done.add(row[0]);
    int rank = Integer.parseInt(pool.scalar("SELECT coalesce(max(installed_rank), 0) FROM flyway_schema_history"));
    int applied = 0;
    for (Script s : scripts(dir)) {
      String version = Integer.toString(s.version());
      if (done.contains(version)) continue;
      rank += 1;
      pool.script(Files.readString(s.file()), "INSERT INTO flyway_schema_history (installed_rank, version, description, script, success) VALUES (?, ?, ?, ?, true)", rank, version, s.description(), s.file().getFileName().toString());
      Log.info(LOGGER, "Migrating schema \"public\" to version \"" + version + " - " + s.description() + "\"");
      applied++;
    }
    Log.info(LOGGER, "Successfully applied " + applied + " migrations to schema \"public\"");
  }

  private static List<Script> scripts(Path dir) throws IOException {
    List<Script> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        int sep = name.indexOf("__");
        if (!name.startsWith("V") || sep < 2 || !name.endsWith(".sql")) continue;
        int version;
        try {
          version = Integer.parseInt(name.substring(1, sep));
        } catch (NumberFormatException ex) {
          continue;
        }
        out.add(new Script(version, name.substring(sep + 2, name.length() - 4).replace('_', ' '), file));
      }
    }
    out.sort(Comparator.comparingInt(Script::version));
    return out;
  }
}
