#!/bin/bash
# Like the official image: `postgres [-c …]` (or only options) initialises on the first start
# (initdb, local connections trusted, TCP by password, the application user and its database)
# and runs postgres as the postgres user with those options; any other command runs as given
# (`docker run IMAGE sh -c …`, as TKA-16 does). The folders under /backup (WAL archive, base
# backups: bind mounts of the lab's system folder) are given to postgres.
set -euo pipefail
first="${1:-postgres}"
if [ "${first:0:1}" = '-' ]; then set -- postgres "$@"; fi
if [ "${1:-}" != postgres ]; then exec "$@"; fi
shift
as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }
mkdir -p "$PGDATA" /run/postgresql
chown -R postgres:postgres "$PGDATA" /run/postgresql
chmod 700 "$PGDATA"
for d in /backup/*/; do
  if [ -d "$d" ]; then chown postgres:postgres "$d" && chmod 700 "$d"; fi
done
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  pw=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" > "$pw"
  chown postgres "$pw"
  as_postgres initdb -D "$PGDATA" -U postgres --pwfile="$pw" --auth-local=trust --auth-host=scram-sha-256 > /dev/null
  rm -f "$pw"
  echo "listen_addresses = '*'" >> "$PGDATA/postgresql.conf"
  echo "host all all 0.0.0.0/0 scram-sha-256" >> "$PGDATA/pg_hba.conf"
  as_postgres pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start > /dev/null
  as_postgres psql -X -v ON_ERROR_STOP=1 -q -U postgres -d postgres \
    -v user="$APP_DB_USER" -v pass="$APP_DB_PASSWORD" -v db="$POSTGRES_DB" <<'SQL'
CREATE USER :"user" PASSWORD :'pass';
CREATE DATABASE :"db" OWNER :"user";
SQL
  as_postgres pg_ctl -D "$PGDATA" -m fast -w stop > /dev/null
  echo "lab: initialised $POSTGRES_DB for $APP_DB_USER"
fi
exec setpriv --reuid=postgres --regid=postgres --init-groups postgres -D "$PGDATA" "$@"
