#!/usr/bin/env bash
# What rules cost: push throughput into a channel with no rules, then into one with 100 silence rules, 50 inhibit
# rules, 50 pipeline steps and 20 enrichment steps (the noise-reduction issue's mix), on the same traffic as
# bench/push-load.sh (the request example, alert_key cycling over 100,000 values).
#
#   bench/rules-load.sh
#   DURATION=15s bench/rules-load.sh
#
# The rules look like real ones and are all evaluated for every event, but none discards the benchmark's events, so
# both runs do the same writes: silence rules on other services (exact values, wildcards, a regex) in weekly windows
# that cover every hour; inhibit rules whose targets are these events but whose sources (other checks) are never
# active; pipeline steps for other clusters, and a last one that resets every title; enrichment steps extracting from
# the title and composing labels. Environment: as for push-load.sh (DURATION, WARMUP, SYNC, THREADS, CONNECTIONS,
# QUELL_BENCH_KEYS, QUELL_JAVA_OPTS, SKIP_BUILD=1), and FRESH_EVERY (0): when N > 0, every Nth request of the
# measured run opens a new alert (keys the warm-up never sent), so new alerts, which meet the inhibit rules and write
# the most, are a steady share of the run rather than only of its first seconds.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
require wrk curl jq java

WORK=
QUELL_PID=
trap clean_up_bench EXIT
trap 'exit 130' INT TERM

api() {
  local out
  out=$(curl -sS -X POST "$QUELL_URL$1?app_key=$QUELL_APP_KEY" -H 'Content-Type: application/json' -d "$2") \
    || die "$1 failed"
  [[ $(jq -r '.error.code // empty' <<<"$out") == "" ]] || die "$1 answered: $out"
  echo "$out"
}

add_rules() {
  local channel=$1 integration=$2 i
  for i in $(seq 1 100); do
    api /channel/silence/rule/create "{\"channel_id\":$channel,\"rule_name\":\"silence $i\",\"priority\":$i,
      \"filters\":[[{\"key\":\"labels.service\",\"oper\":\"IN\",\"vals\":[\"svc-$i\",\"svc-$i-*\",\"/^batch-$i-[0-9]+$/\"]}],
                   [{\"key\":\"labels.cluster\",\"oper\":\"IN\",\"vals\":[\"dc-$i\"]},{\"key\":\"severity\",\"oper\":\"IN\",\"vals\":[\"Info\"]}]],
      \"time_filters\":[{\"start\":\"00:00\",\"end\":\"23:59\"}],\"time_zone\":\"Europe/Berlin\"}" >/dev/null
  done
  for i in $(seq 1 50); do
    api /channel/inhibit/rule/create "{\"channel_id\":$channel,\"rule_name\":\"inhibit $i\",\"priority\":$i,
      \"source_filters\":[[{\"key\":\"labels.check\",\"oper\":\"IN\",\"vals\":[\"node-down-$i\"]}]],
      \"target_filters\":[[{\"key\":\"severity\",\"oper\":\"IN\",\"vals\":[\"Warning\",\"Info\"]}]],
      \"equals\":[\"labels.resource\"]}" >/dev/null
  done
  local steps="" step
  for i in $(seq 1 49); do
    step="{\"kind\":\"severity_reset\",\"if\":[[{\"key\":\"labels.cluster\",\"oper\":\"IN\",\"vals\":[\"dc-$i\"]}]],\"settings\":{\"severity\":\"Info\"}}"
    steps+="$step,"
  done
  steps+="{\"kind\":\"title_reset\",\"settings\":{\"title\":\"[TPL]{{.Labels.cluster}} {{.Labels.check}} on {{.Labels.resource}}\"}}"
  api /alert/pipeline/upsert "{\"integration_id\":$integration,\"rules\":[$steps]}" >/dev/null
  steps=""
  for i in $(seq 1 10); do
    steps+="{\"kind\":\"extraction\",\"settings\":{\"source_field\":\"title\",\"pattern\":\"(?P<result>[a-z]+\\\\.[a-z]+\\\\.0?$i)\",\"result_label\":\"node_$i\"}},"
    steps+="{\"kind\":\"composition\",\"if\":[{\"key\":\"labels.cluster\",\"oper\":\"IN\",\"vals\":[\"nj\"]}],\"settings\":{\"template\":\"{{.labels.cluster}}-{{.labels.service}}-$i\",\"result_label\":\"team_$i\"}},"
  done
  api /enrichment/upsert "{\"integration_id\":$integration,\"rules\":[${steps%,}]}" >/dev/null
}

build_jar
declare -A RESULTS
for mode in none rules; do
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/quell-rules.XXXXXX")
  start_quell "$WORK"
  channel=$(api /channel/create "{\"channel_name\":\"bench $mode\"}" | jq -r '.data.channel_id')
  create_integration "$channel"
  if [[ $mode == rules ]]; then
    integration=$(api /integration/list '{"limit":100}' | jq -r ".data.items[] | select(.integration_key == \"$INTEGRATION_KEY\") | .integration_id")
    add_rules "$channel" "$integration"
    log "rules: $(api /channel/silence/rule/list "{\"channel_id\":$channel}" | jq '.data.items | length') silence," \
      "$(api /channel/inhibit/rule/list "{\"channel_id\":$channel}" | jq '.data.items | length') inhibit," \
      "$(api /alert/pipeline/info "{\"integration_id\":$integration}" | jq '.data.rules | length') pipeline steps," \
      "$(api /enrichment/info "{\"integration_id\":$integration}" | jq '.data.rules | length') enrichment steps"
  fi
  export QUELL_BENCH_FRESH_EVERY=${FRESH_EVERY:-0}
  if [[ $WARMUP != 0 && $WARMUP != 0s ]]; then
    QUELL_BENCH_FRESH_FROM=1000000000 run_wrk "$WORK/warmup.out" "$PUSH_URL" "$WARMUP" 2>/dev/null \
      || log "warm-up wrk exited with $? (continuing)"
  fi
  run_wrk "$WORK/run.out" "$PUSH_URL" "$DURATION"
  RESULTS[$mode]="events_per_s=$(bench_field "$WORK/run.out" ok_rps) p50_ms=$(bench_field "$WORK/run.out" p50_ms)"
  RESULTS[$mode]+=" p99_ms=$(bench_field "$WORK/run.out" p99_ms) non2xx=$(bench_field "$WORK/run.out" non2xx)"
  RESULTS[$mode]+=" cpu_us_per_event=$(cpu_field "$WORK/run.out")"
  RESULTS[$mode]+=" active_alerts=$(active_alerts)"
  stop_quell
  rm -rf "$WORK"
  WORK=
done

echo
echo "== rules load: sync=${SYNC:-full} -t$THREADS -c$CONNECTIONS -d$DURATION fresh_every=${FRESH_EVERY:-0}"
for mode in none rules; do
  echo "RESULT rules-load rules=$mode ${RESULTS[$mode]}"
done
