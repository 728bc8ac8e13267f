#!/usr/bin/env bash
# What grouping costs: push throughput into a channel with grouping off, rule-based and intelligent, each with
# 10,000 open incidents in place and a steady share of new alerts that grouping must place.
#
#   bench/grouping-load.sh                       # off, rules and intelligent, 30 s each
#   MODES=intelligent DURATION=15s bench/grouping-load.sh
#
# For each mode: a fresh Quell, a channel with that grouping, then
#   1. seeding: OPEN distinct alerts, each naming its own resource ("res-" and four letters), so each opens its
#      own incident under every mode: rule-based groups by labels.resource, and intelligent grouping (default
#      keys, threshold 0.8) scores two different resources at 0.75;
#   2. the measured run: repeats of those alerts, and every FRESH_EVERY-th request a new alert naming one of the
#      OPEN resources, which joins that resource's incident (rule-based: same labels.resource; intelligent:
#      same title and labels, score 1), or opens its own with grouping off.
#
# Environment: MODES (off rules intelligent), OPEN (10000), FRESH_EVERY (4), DURATION (30s), WARMUP (10s),
# SYNC (full|normal), THREADS (2), CONNECTIONS (64), QUELL_JAVA_OPTS, SKIP_BUILD=1.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
require wrk curl jq java

MODES=${MODES:-off rules intelligent}
OPEN=${OPEN:-10000}
FRESH_EVERY=${FRESH_EVERY:-4}

WORK=
QUELL_PID=
WRK_PID=
trap clean_up_bench EXIT
trap 'exit 130' INT TERM

group_settings() {
  case $1 in
    off) echo '{"method":"n"}' ;;
    rules) echo '{"method":"p","equals":[["labels.resource"]]}' ;;
    intelligent) echo '{"method":"i"}' ;;
    *) die "unknown mode $1 (off, rules or intelligent)" ;;
  esac
}

open_incidents() {
  local now
  now=$(date +%s)
  curl -sS -X POST "$QUELL_URL/incident/list?app_key=$QUELL_APP_KEY" -H 'Content-Type: application/json' \
    -d "{\"start_time\":$((now - 6 * 3600)),\"end_time\":$((now + 3600)),\"progress\":\"Triggered\",\"limit\":1}" \
    | jq -r '.data.total // "?"'
}

# seed: OPEN distinct alerts, each its own resource; wrk is stopped once they are all stored.
seed() {
  log "seeding $OPEN open alerts"
  QUELL_BENCH_ALERTS=$OPEN QUELL_BENCH_GROUPS=$OPEN wrk -t"$THREADS" -c"$CONNECTIONS" -d600s -s "$PUSH_LUA" \
    "$PUSH_URL" >"$WORK/seed.out" 2>&1 &
  WRK_PID=$!
  local count
  while kill -0 "$WRK_PID" 2>/dev/null; do
    sleep 1
    count=$(active_alerts)
    if [[ $count =~ ^[0-9]+$ ]] && ((count >= OPEN)); then
      kill -INT "$WRK_PID" 2>/dev/null
      break
    fi
  done
  wait "$WRK_PID"
  WRK_PID=
}

build_jar
declare -A RESULTS
for mode in $MODES; do
  group=$(group_settings "$mode")
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/quell-grouping.XXXXXX")
  start_quell "$WORK"
  channel=$(curl -sS -X POST "$QUELL_URL/channel/create?app_key=$QUELL_APP_KEY" -H 'Content-Type: application/json' \
    -d "{\"channel_name\":\"bench $mode\",\"group\":$group}" | jq -r '.data.channel_id // empty')
  [[ -n $channel ]] || die "/channel/create failed for $mode"
  create_integration "$channel"
  seed
  before=$(open_incidents)
  log "$mode: $before open incidents after seeding"
  export QUELL_BENCH_KEYS=$OPEN QUELL_BENCH_GROUPS=$OPEN QUELL_BENCH_FRESH_EVERY=$FRESH_EVERY
  if [[ $WARMUP != 0 && $WARMUP != 0s ]]; then
    # The warm-up's new alerts must not take the measured run's fresh keys (they would be repeats there).
    QUELL_BENCH_FRESH_FROM=1000000000 run_wrk "$WORK/warmup.out" "$PUSH_URL" "$WARMUP" 2>/dev/null \
      || log "warm-up wrk exited with $? (continuing)"
  fi
  run_wrk "$WORK/run.out" "$PUSH_URL" "$DURATION"
  unset QUELL_BENCH_KEYS QUELL_BENCH_GROUPS QUELL_BENCH_FRESH_EVERY
  after=$(open_incidents)
  RESULTS[$mode]="events_per_s=$(bench_field "$WORK/run.out" ok_rps) p50_ms=$(bench_field "$WORK/run.out" p50_ms)"
  RESULTS[$mode]+=" p99_ms=$(bench_field "$WORK/run.out" p99_ms) non2xx=$(bench_field "$WORK/run.out" non2xx)"
  RESULTS[$mode]+=" cpu_us_per_event=$(cpu_field "$WORK/run.out")"
  RESULTS[$mode]+=" open_incidents_before=$before after=$after rss_mib=$(kb_to_mib "$(rss_kb "$QUELL_PID")")"
  stop_quell
  rm -rf "$WORK"
  WORK=
done

echo
echo "== grouping load: sync=${SYNC:-full} -t$THREADS -c$CONNECTIONS -d$DURATION open=$OPEN fresh_every=$FRESH_EVERY"
for mode in $MODES; do
  echo "RESULT grouping-load mode=$mode ${RESULTS[$mode]}"
done
