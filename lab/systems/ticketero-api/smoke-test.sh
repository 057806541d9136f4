#!/bin/sh
# The project's ./scripts/smoke-test.sh (TKA-02), for `runbook lab`: the API answers UP with its
# database and RabbitMQ, creates a ticket, and counts it in /actuator/prometheus.
set -eu
api="${API_URL:-http://127.0.0.1:8080}"
echo "smoke test against $api"
curl -fsS --max-time 10 "$api/actuator/health" | jq -e '.status == "UP" and .components.db.status == "UP" and .components.rabbit.status == "UP"' >/dev/null
echo "health: UP (db, rabbit)"
code="$(curl -sS --max-time 10 -o /dev/null -w '%{http_code}' -H 'content-type: application/json' \
  -d '{"nationalId":"99887766","branchOffice":"Smoke","queue":"CAJA"}' "$api/api/tickets")"
test "$code" = 201 || { echo "POST /api/tickets: HTTP $code (expected 201)" >&2; exit 1; }
echo "POST /api/tickets: 201"
curl -fsS --max-time 10 "$api/actuator/prometheus" | grep -q '^tickets_created_total' || { echo "no tickets_created_total in /actuator/prometheus" >&2; exit 1; }
echo "smoke test passed"
