#!/usr/bin/env bash
# A test double for `docker` (no Docker engine on these machines): `docker exec`
# and `docker compose exec` run the command locally (against the PostgreSQL the
# test started; PGHOST/PGPORT/PGUSER come from the environment); lifecycle
# commands (stop, start, up, down, restart, pull, ps, logs, inspect) only log.
# Every call is appended to $DOCKER_DOUBLE_LOG.
set -u
echo "docker $*" >> "${DOCKER_DOUBLE_LOG:-/dev/null}"

run_exec() { # [options] <container|service> <cmd...>
  while [[ $# -gt 0 ]]; do
    case "$1" in
      -i|-t|-it|-ti|-T|--interactive|--tty|-d) shift ;;
      -e|--env) export "$2"; shift 2 ;;
      -u|--user|-w|--workdir) shift 2 ;;
      --env=*) export "${1#--env=}"; shift ;;
      -*) shift ;;
      *) break ;;
    esac
  done
  shift # the container or service name
  exec "$@"
}

case "${1:-}" in
  exec) shift; run_exec "$@" ;;
  compose)
    shift
    while [[ $# -gt 0 && "$1" == -* ]]; do
      case "$1" in -f|--file|-p|--project-name|--env-file) shift 2 ;; *) shift ;; esac
    done
    sub="${1:-}"; shift || true
    case "$sub" in
      exec|run) run_exec "$@" ;;
      ps) echo "NAME STATUS"; echo "postgres running (healthy)" ;;
      *) echo "[docker double] compose $sub $*" ;;
    esac
    ;;
  ps) echo "CONTAINER ID   IMAGE   STATUS   NAMES"; echo "0000   postgres:15   Up 1 minute (healthy)   db" ;;
  inspect) echo "healthy" ;;
  *) echo "[docker double] $*" ;;
esac
