#!/bin/bash
# Restablece la contraseña de una cuenta de Ticketera SOC (por defecto admin) y la desbloquea
# (contador de intentos fallidos a 0). La contraseña se pide dos veces sin mostrarla: nunca va
# en la línea de comandos. Uso: scripts/reset_admin_password.sh [USUARIO]
set -euo pipefail
user="${1:-admin}"
export PGPASSWORD="${POSTGRES_PASSWORD:-}"
sql() { psql -X -At -v ON_ERROR_STOP=1 -h "${DB_HOST:-db}" -U "${POSTGRES_USER:-ticketera}" -d "${POSTGRES_DB:-ticketera}" "$@"; }
exists="$(sql -v u="$user" <<< "SELECT count(*) FROM users WHERE username = :'u';")"
if [ "$exists" != 1 ]; then echo "No existe el usuario $user" >&2; exit 1; fi
read -rs -p "Contraseña nueva para $user: " first; echo
read -rs -p "Repetir la contraseña: " second; echo
if [ "$first" != "$second" ]; then echo "Las contraseñas no coinciden; no se cambió nada" >&2; exit 1; fi
if [ "${#first}" -lt 12 ]; then echo "La contraseña debe tener al menos 12 caracteres; no se cambió nada" >&2; exit 1; fi
hash="$(printf '%s' "$first" | node /app/scripts/hash_password.mjs)"
unset first second
sql -v u="$user" -v h="$hash" <<< "UPDATE users SET password_hash = :'h', failed_logins = 0 WHERE username = :'u';" > /dev/null
echo "Contraseña de $user restablecida; cuenta desbloqueada (intentos fallidos: 0)"
