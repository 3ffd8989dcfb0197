# Sourced by the scripts under security/: a throwaway portal on loopback with the demo data.
#
#   source security/throwaway_portal.sh
#   start_portal              # Flask's server, development settings: http://127.0.0.1:$PORT
#   start_portal production   # gunicorn, production settings, TLS with a throwaway
#                             # self-signed certificate: https://127.0.0.1:$PORT
#
# Run from the repository root. Reads PYTHON and PORT; sets BASE (the portal's address) and
# work (a temporary folder for the caller's files too). The database, the certificate, the
# server and everything in $work go when the calling script exits.

work=$(mktemp -d)
server=""
_stop_portal() {
  if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap _stop_portal EXIT

_random_key() { "$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(48))'; }

export FLASK_APP=wsgi
export PORTAL_DATABASE_URL="sqlite:///${work}/portal.sqlite3"
export PORTAL_MAIL_BACKEND=file
# The scanners send thousands of forms from loopback: a rate limit would answer most of them
# with 429 and leave the forms untested.
export PORTAL_RATE_LIMIT="100000 per minute"
PORTAL_SECRET_KEY=$(_random_key)
PORTAL_TRACKER_PEPPER=$(_random_key)
export PORTAL_SECRET_KEY PORTAL_TRACKER_PEPPER

start_portal() {
  local mode=${1:-development}
  echo "== A throwaway database with the demo data"
  "$PYTHON" -m flask db upgrade >"${work}/setup.log" 2>&1
  "$PYTHON" -m flask taxonomy seed >>"${work}/setup.log" 2>&1
  "$PYTHON" -m flask demo load >"${work}/demo.log" 2>&1
  head -1 "${work}/demo.log"

  if [[ "$mode" == production ]]; then
    BASE="https://127.0.0.1:${PORT}"
    openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=127.0.0.1" \
      -addext "subjectAltName=IP:127.0.0.1" -keyout "${work}/key.pem" -out "${work}/cert.pem" \
      >>"${work}/setup.log" 2>&1
    # Production refuses demo data, so the settings change only now that it is loaded.
    PORTAL_ENVIRONMENT=production PORTAL_DEMO_DATA=false PORTAL_PUBLIC_URL="$BASE" \
      "$PYTHON" -m gunicorn --workers 2 --bind "127.0.0.1:${PORT}" \
      --certfile "${work}/cert.pem" --keyfile "${work}/key.pem" wsgi:app \
      >"${work}/server.log" 2>&1 &
  else
    BASE="http://127.0.0.1:${PORT}"
    "$PYTHON" -m flask run --host 127.0.0.1 --port "$PORT" >"${work}/server.log" 2>&1 &
  fi
  server=$!
  echo "== The portal on ${BASE} (${mode} settings)"
  for _ in $(seq 100); do
    curl -fsSk -o /dev/null "${BASE}/" 2>/dev/null && return 0
    sleep 0.2
  done
  cat "${work}/server.log"
  echo "The portal did not start."
  exit 2
}

# Tracebacks in the server's log mean a request broke the portal: show them and fail.
check_server_log() {
  if grep -q "Traceback" "${work}/server.log"; then
    echo "The portal logged errors during the scan:"
    grep -B2 -A15 "Traceback" "${work}/server.log" | head -60
    exit 3
  fi
}
