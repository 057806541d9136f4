#!/bin/bash
# First start: create the data directory, root (socket or password), the
# application database and user, like the official mysql image does: the
# database and user are optional, an empty root password needs
# MYSQL_ALLOW_EMPTY_PASSWORD (INA-16's throwaway restore container), and the
# end of the first start is logged as "init process done".
set -euo pipefail
root_password="${MYSQL_ROOT_PASSWORD:-}"
allow_empty="${MYSQL_ALLOW_EMPTY_PASSWORD:-${MARIADB_ALLOW_EMPTY_ROOT_PASSWORD:-}}"
database="${MYSQL_DATABASE:-${MARIADB_DATABASE:-}}"
user="${MYSQL_USER:-}"
if [ ! -d /var/lib/mysql/mysql ]; then
  if [ -z "$root_password" ] && [ -z "$allow_empty" ]; then
    echo "[ERROR] Database is uninitialized and password option is not specified (MYSQL_ROOT_PASSWORD or MYSQL_ALLOW_EMPTY_PASSWORD)" >&2
    exit 1
  fi
  chown -R mysql:mysql /var/lib/mysql
  mariadb-install-db --user=mysql --datadir=/var/lib/mysql --skip-test-db > /dev/null
  mysqld --user=mysql --skip-networking --socket=/run/mysqld/init.sock &
  pid=$!
  for _ in $(seq 1 60); do mysqladmin --socket=/run/mysqld/init.sock --silent ping 2> /dev/null && break; sleep 0.5; done
  {
    echo "ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD('${root_password}');"
    echo "CREATE USER 'root'@'%' IDENTIFIED BY '${root_password}';"
    echo "GRANT ALL PRIVILEGES ON *.* TO 'root'@'%' WITH GRANT OPTION;"
    if [ -n "$database" ]; then echo "CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"; fi
    if [ -n "$user" ]; then
      echo "CREATE USER '${user}'@'%' IDENTIFIED BY '${MYSQL_PASSWORD:-}';"
      if [ -n "$database" ]; then echo "GRANT ALL PRIVILEGES ON \`${database}\`.* TO '${user}'@'%';"; fi
    fi
    echo "FLUSH PRIVILEGES;"
  } | mysql --socket=/run/mysqld/init.sock
  kill "$pid"
  wait "$pid" || true
  echo "[Note] lab: initialised ${database:-no database} for ${user:-root only}; MySQL init process done. Ready for start up."
fi
exec "$@"
