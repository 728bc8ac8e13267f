#!/usr/bin/env bash
# Server time of the web console's pages with 100,000 incidents in the store (issue 5's target: under 100 ms).
# Seeds the store through the push API (INCIDENTS distinct alerts, each its own incident with grouping off), closes
# all but OPEN of them with Ok events, signs in as admin, then measures each page with wrk on one connection (one
# request at a time, so the latency is the server's time for the page plus loopback).
#
#   bench/console-pages.sh
#   INCIDENTS=100000 OPEN=10000 PAGE_DURATION=10s bench/console-pages.sh
#
# Environment: INCIDENTS (100000), OPEN (10000), PAGE_DURATION (10s per page), SYNC (full|normal), THREADS,
# CONNECTIONS (for the seeding push), QUELL_JAVA_OPTS, SKIP_BUILD=1.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
require wrk curl jq java

INCIDENTS=${INCIDENTS:-100000}
OPEN=${OPEN:-10000}
PAGE_DURATION=${PAGE_DURATION:-10s}
((OPEN <= INCIDENTS)) || die "OPEN must be at most INCIDENTS"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/quell-console.XXXXXX")
QUELL_PID=
WRK_PID=
trap clean_up_bench EXIT
trap 'exit 130' INT TERM

# push_keys N STATUS DONE_WHEN: pushes keys 0..N-1 with STATUS (bounded mode of push.lua) until the shell
# condition DONE_WHEN (evaluated with $active set to the active-alert count) holds.
push_keys() {
  local n=$1 status=$2 done_when=$3 active
  QUELL_BENCH_ALERTS=$n QUELL_BENCH_STATUS=$status wrk -t"$THREADS" -c"$CONNECTIONS" -d600s -s "$PUSH_LUA" \
    "$PUSH_URL" >"$WORK/push-$status.out" 2>&1 &
  WRK_PID=$!
  while kill -0 "$WRK_PID" 2>/dev/null; do
    sleep 1
    active=$(active_alerts)
    if [[ $active =~ ^[0-9]+$ ]] && eval "$done_when"; then
      kill -INT "$WRK_PID" 2>/dev/null
      break
    fi
  done
  wait "$WRK_PID"
  WRK_PID=
  log "pushed $n $status events; active alerts now $(active_alerts)"
}

# measure NAME PATH: wrk on one connection for PAGE_DURATION; prints a table row.
measure() {
  local name=$1 path=$2 out
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: quell_session=$SESSION" "$QUELL_URL$path")
  [[ $status == 200 ]] || die "$path answered $status"
  out=$(wrk -t1 -c1 -d"$PAGE_DURATION" --latency -H "Cookie: quell_session=$SESSION" "$QUELL_URL$path" 2>&1)
  local p50 p99 rps
  p50=$(awk '/^ +50%/ {print $2}' <<<"$out")
  p99=$(awk '/^ +99%/ {print $2}' <<<"$out")
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  printf '| %s | `%s` | %s | %s | %s |\n' "$name" "$path" "$p50" "$p99" "$rps"
}

log "load average before: $(load_average) ($(nproc) cores)"
build_jar
start_quell "$WORK"
create_integration
t0=$SECONDS
push_keys "$INCIDENTS" Warning '((active >= INCIDENTS))'
push_keys "$((INCIDENTS - OPEN))" Ok '((active <= OPEN))'
log "seeded in $((SECONDS - t0)) s"

password=$(sed -n 's/.*user admin, password (shown once[^)]*): \([^ ]*\).*/\1/p' "$QUELL_LOG")
[[ -n $password ]] || die "no admin password in the log"
SESSION=$(curl -s -D - -o /dev/null -X POST "$QUELL_URL/signin" --data-urlencode "username=admin" \
  --data-urlencode "password=$password" --data-urlencode "next=/" \
  | sed -n 's/^[Ss]et-[Cc]ookie: quell_session=\([^;]*\).*/\1/p' | tr -d '\r')
[[ -n $SESSION ]] || die "sign-in failed"

open_id=$(curl -s -H "Cookie: quell_session=$SESSION" "$QUELL_URL/" \
  | grep -o 'data-incident-id="[0-9a-f]*"' | head -n 1 | cut -d'"' -f2)
second_page=$(curl -s -H "Cookie: quell_session=$SESSION" "$QUELL_URL/?progress=all" \
  | grep -o 'href="/?[^"]*after=[0-9a-f]*"' | tail -n 1 | cut -d'"' -f2 | sed 's/&amp;/\&/g')
[[ -n $open_id && -n $second_page ]] || die "could not find an incident id or a second page"

db_mib=$(du -sm "$WORK/data" | cut -f1)
echo
echo "== Console pages with $INCIDENTS incidents ($OPEN open), store $db_mib MiB, one connection, $PAGE_DURATION each"
echo "| page | path | p50 | p99 | pages/s |"
echo "|---|---|---:|---:|---:|"
measure "incidents, open (home page)" "/"
measure "incidents, all" "/?progress=all"
measure "incidents, all, second page" "$second_page"
measure "incidents, Critical only (none match)" "/?progress=all&severity=Critical"
measure "incidents, text search (every title matches)" "/?progress=all&q=es.nj"
measure "incidents, text search (nothing matches)" "/?progress=all&q=no-such-text"
measure "live list fragment (polled every 5 s)" "/incidents/list?progress=open"
measure "incident detail" "/incidents/$open_id"
measure "alerts, active" "/alerts"
measure "alerts, all" "/alerts?status=all"
log "load average after: $(load_average)"
