#!/bin/sh
# The configuration from the environment (like the official image), then the server in the foreground.
set -eu
cat > "$RABBITMQ_CONFIG_FILE" <<CONF
default_user = ${RABBITMQ_DEFAULT_USER:-guest}
default_pass = ${RABBITMQ_DEFAULT_PASS:-guest}
loopback_users = none
listeners.tcp.default = 5672
management.tcp.port = 15672
CONF
exec /usr/lib/rabbitmq/bin/rabbitmq-server
