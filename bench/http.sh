#!/bin/sh
# The portal's speed over HTTP, against a bare Flask app measured in the same run.
#
#   bench/http.sh                  seed a fresh SQLite database with $CASES cases first
#   bench/http.sh DATABASE_URL     use a database bench/seed.py has already filled
#                                  (brought up to date with flask db upgrade first)
#
# Both apps run under gunicorn with $WORKERS workers on loopback; the portal is configured
# as in production. wrk drives each page for $DURATION seconds over $CONNECTIONS
# connections (one per worker: every worker busy, no request waiting); the annual report
# is driven over one connection, as one person asks for it. Each line gives requests a
# second, the ratio to the bare app, latency percentiles, and failures. Then it times
# $SUBMISSIONS complaints sent at once (bench/submissions.py) and prints each portal
# worker's resident memory. Exits 1 if anything failed or a session lapsed on the way.
# ONLY="queue tracker" measures just those pages; SUBMISSIONS=0 skips the submissions.
set -eu
cd "$(dirname "$0")/.."

PY=${PYTHON:-.venv/bin/python}
CASES=${CASES:-100000}
WORKERS=${WORKERS:-2}
DURATION=${DURATION:-15}
# One connection per worker: gunicorn's sync workers take one request at a time, so more
# connections than workers would add time spent waiting for a worker to every latency.
CONNECTIONS=${CONNECTIONS:-$WORKERS}
SUBMISSIONS=${SUBMISSIONS:-400}
ONLY=${ONLY:-}
command -v wrk >/dev/null || ./scripts/apt-install wrk

if [ $# -ge 1 ]; then
  DATABASE=$1
  PORTAL_DATABASE_URL=$DATABASE FLASK_APP=wsgi $PY -m flask db upgrade 2>/dev/null
else
  DATABASE=$($PY bench/seed.py "$CASES" | tee /dev/stderr | sed -n 's/^Database: //p')
fi

free_port() {
  $PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
random_key() { $PY -c 'import secrets; print(secrets.token_urlsafe(48))'; }
BARE=http://127.0.0.1:$(free_port)
PORTAL=http://127.0.0.1:$(free_port)
LOGS=$(mktemp -d)

$PY -m gunicorn --workers "$WORKERS" --bind "${BARE#http://}" bench.bare:app \
  >"$LOGS/bare.log" 2>&1 &
BARE_PID=$!
# Every client is on loopback, so the rate limit is set out of reach.
env PORTAL_ENVIRONMENT=production PORTAL_DEMO_DATA=false PORTAL_PUBLIC_URL="$PORTAL" \
  PORTAL_DATABASE_URL="$DATABASE" PORTAL_RATE_LIMIT="100000 per minute" \
  PORTAL_SECRET_KEY="$(random_key)" PORTAL_TRACKER_PEPPER="$(random_key)" \
  $PY -m gunicorn --workers "$WORKERS" --bind "${PORTAL#http://}" --timeout 120 --preload \
  wsgi:app >"$LOGS/portal.log" 2>&1 &
PORTAL_PID=$!
trap 'kill $BARE_PID $PORTAL_PID 2>/dev/null || true' EXIT
trap 'exit 1' INT TERM

for url in "$BARE" "$PORTAL"; do
  tries=0
  until $PY bench/http_pages.py check "$url" / 2>/dev/null; do
    tries=$((tries + 1))
    [ $tries -lt 120 ] || { cat "$LOGS"/*.log; exit 1; }
    sleep 0.5
  done
done

# One wrk run; prints "requests/s p50 p95 p99 non-2xx socket-errors" (bench/wrk_summary.lua).
measure() { # URL CONNECTIONS COOKIE
  wrk --threads "$(( $2 < 2 ? $2 : 2 ))" --connections "$2" --duration "${DURATION}s" --timeout 60s \
    --script bench/wrk_summary.lua ${3:+--header "Cookie: $3"} "$1" | tail -n 1
}

row() { # NAME BARE-RPS SUMMARY
  echo "$1 $2 $3" | awk '{ printf "%-20s %9.1f %6.2f %8.1f %8.1f %8.1f %8d %7d\n",
    $1, $3, $3 / $2, $4, $5, $6, $7, $8 }'
}

PAGES=$LOGS/pages
$PY bench/http_pages.py prepare "$PORTAL" "$DATABASE" >"$PAGES"

echo "gunicorn -w $WORKERS; wrk ${DURATION}s, $CONNECTIONS connections (annual report: 1)"
printf '%-20s %9s %6s %8s %8s %8s %8s %7s\n' page "req/s" ratio "p50 ms" "p95 ms" \
  "p99 ms" "non-2xx" errors
BARE_SUMMARY=$(measure "$BARE/" "$CONNECTIONS" "")
BARE_RPS=${BARE_SUMMARY%% *}
row bare_flask "$BARE_RPS" "$BARE_SUMMARY"
FAILED=0
while IFS='|' read -r name path cookie; do
  case " ${ONLY:-$name} " in *" $name "*) ;; *) continue ;; esac
  connections=$CONNECTIONS
  [ "$name" != annual_report ] || connections=1
  summary=$(measure "$PORTAL$path" "$connections" "$cookie")
  row "$name" "$BARE_RPS" "$summary"
  set -- $summary
  [ "$5" = 0 ] && [ "$6" = 0 ] || FAILED=1
  $PY bench/http_pages.py check "$PORTAL" "$path" "$cookie" || { echo "$name lapsed"; FAILED=1; }
done <"$PAGES"

if [ "$SUBMISSIONS" -gt 0 ]; then
  echo
  echo "submissions: per second, p50 ms, p95 ms, failed, new cases ($SUBMISSIONS sent, 10 at once)"
  $PY bench/submissions.py "$PORTAL" "$DATABASE" --count "$SUBMISSIONS" || FAILED=1
fi

echo
echo "resident memory of each portal worker (MB):"
for pid in $(ps -o pid= --ppid "$PORTAL_PID"); do
  awk '/^VmRSS/ { printf "  %.0f\n", $2 / 1024 }' "/proc/$pid/status"
done
exit $FAILED
