#!/bin/bash
# The backend's master process (like gunicorn's): it starts the worker and starts it again
# when it dies, so a worker that cannot bind its port keeps failing in the logs.
trap 'kill -TERM "$worker" 2>/dev/null; wait "$worker"; exit 0' TERM INT
while :; do
  node /app/server.mjs &
  worker=$!
  echo "$worker" > /tmp/worker.pid
  wait "$worker"
  code=$?
  echo "[$(date -u +%Y-%m-%dT%H:%M:%SZ)] [master] [ERROR] Worker (pid:$worker) exited with code $code; booting a new worker in 3 s"
  sleep 3 &
  wait $!
done
