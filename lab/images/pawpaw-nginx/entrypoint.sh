#!/bin/sh
# HTTPS on 443 when the certificate of TLS_DOMAIN is there (`lab up` has pebble issue it, then
# restarts Nginx); plain HTTP on 80 always. `nginx -s reload` reads the renewed files (PAW-05).
set -eu
live="/etc/letsencrypt/live/${TLS_DOMAIN:-}"
rm -f /etc/nginx/tls.d/pawpaw.conf
if [ -n "${TLS_DOMAIN:-}" ] && [ -r "$live/fullchain.pem" ]; then
  cat > /etc/nginx/tls.d/pawpaw.conf <<CONF
server {
  listen 443 ssl;
  server_name ${TLS_DOMAIN};
  ssl_certificate $live/fullchain.pem;
  ssl_certificate_key $live/privkey.pem;
  location / {
    set \$backend http://backend:4000;
    proxy_pass \$backend;
    proxy_set_header Host \$host;
    proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    proxy_connect_timeout 5s;
    proxy_read_timeout 30s;
  }
}
CONF
fi
exec nginx -g 'daemon off;'
