#!/usr/bin/env bash
# sqlmap against the staff queue's filter, sort and search parameters.
#
#   security/sqlmap.sh            (from the repository root, after `make setup`)
#
# Starts the portal on loopback with a throwaway SQLite database and the demo data, signs
# in as the demo complaints officer through the real sign-in pages (security/staff_cookie.py),
# then runs `sqlmap --batch` over every query parameter of /staff/ and prints its verdict.
# Nothing is kept: the database, the server and sqlmap's own files go when it ends.
#
# sqlmap comes from PyPI (`pip install sqlmap`, any recent release; 1.10.10 was used) or from
# Debian (`apt-get install sqlmap`). It is not in requirements-dev.txt: this is a release
# check, not part of `make test`. Settings, from the environment:
#   PYTHON   the portal's Python (default .venv/bin/python)
#   SQLMAP   the sqlmap command (default sqlmap)
#   LEVEL, RISK   sqlmap's --level and --risk (default 3 and 2)
#   PORT     the loopback port (default 5077)
set -euo pipefail

cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
SQLMAP=${SQLMAP:-sqlmap}
LEVEL=${LEVEL:-3}
RISK=${RISK:-2}
PORT=${PORT:-5077}

# shellcheck source=security/throwaway_portal.sh
source security/throwaway_portal.sh
start_portal

cookie=$("$PYTHON" security/staff_cookie.py "$BASE" officer@example.org)
status=$(curl -s -o /dev/null -w '%{http_code}' --cookie "$cookie" "${BASE}/staff/")
if [[ "$status" != 200 ]]; then echo "The session cookie does not open the queue ($status)."; exit 2; fi
echo "== Signed in as the demo complaints officer"

# Every parameter the queue reads: the search (reference), each filter, the sort and the
# page number. Valid values to start from, so each is tested where it changes the query.
url="${BASE}/staff/?reference=SCT-0000-0000&kind=complaint&procedure=statutory&stage=1"
url+="&team=Fostering&assignee=3&child_led=y&advocate=y&safeguarding=y&overdue=y&due_soon=y"
url+="&sort=received&page=1"

echo "== sqlmap --level ${LEVEL} --risk ${RISK}"
"$SQLMAP" --batch --url "$url" --cookie "$cookie" --dbms=SQLite \
  --level "$LEVEL" --risk "$RISK" --flush-session --output-dir "${work}/sqlmap" \
  --disable-coloring 2>&1 | tee "${work}/sqlmap.log" \
  | grep -E "parameter '[^']+' (is|does not seem|might)|injectable|CRITICAL" || true

echo "== Summary"
if grep -qE "is vulnerable|sqlmap identified the following injection point" "${work}/sqlmap.log"; then
  grep -A20 "identified the following injection point" "${work}/sqlmap.log"
  echo "RESULT: sqlmap found an injection point."
  exit 1
fi
grep -E "all tested parameters do not appear to be injectable" "${work}/sqlmap.log" \
  || { tail -20 "${work}/sqlmap.log"; echo "RESULT: sqlmap did not finish; see above."; exit 2; }
echo "RESULT: no injection found ($(grep -c "\] testing '" "${work}/sqlmap.log") techniques tried)."
check_server_log
