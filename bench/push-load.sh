#!/usr/bin/env bash
# Push throughput and latency of Quell: events/s (= 2xx answers/s), p50, p99, non-2xx, server RSS.
#
#   bench/push-load.sh                      # 30 s, --sync full
#   DURATION=15s SYNC=normal bench/push-load.sh
#
# Environment: DURATION (30s), WARMUP (10s, 0 = none), SYNC (full|normal), THREADS (2), CONNECTIONS (64),
# QUELL_BENCH_KEYS (100000, see push.lua), QUELL_JAVA_OPTS (JVM flags), SKIP_BUILD=1 (reuse target/quell.jar),
# THREAD_SAMPLE (5: seconds of per-thread CPU sampling of the server mid-run, 0 = off).
set -uo pipefail
source "$(dirname "$0")/lib.sh"
require wrk curl jq java

WORK=$(mktemp -d "${TMPDIR:-/tmp}/quell-push-load.XXXXXX")
QUELL_PID=
SAMPLER_PID=
cleanup() {
  [[ -n $SAMPLER_PID ]] && kill "$SAMPLER_PID" 2>/dev/null
  stop_quell
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "load average before: $(load_average) ($(nproc) cores)"
build_jar
start_quell "$WORK"
create_integration

warm_up "$PUSH_URL"
[[ -s $WORK/warmup.out ]] && log "warm-up: $(grep '^QUELL_BENCH ' "$WORK/warmup.out")"

rss_before=$(rss_kb "$QUELL_PID")
sample=${THREAD_SAMPLE:-5}
if [[ $sample != 0 ]]; then
  # Per-thread CPU of the server and CPU of wrk, a few seconds into the measured run.
  (
    sleep 3
    wrk_pid=$(pgrep -n -x wrk -P $$ 2>/dev/null || true)
    {
      echo "threads of Quell (pid $QUELL_PID) over ${sample}s, 3 s into the run:"
      [[ -n $wrk_pid ]] && proc_cpu "$wrk_pid" "$sample" >"$WORK/wrk-cpu" &
      top -b -d "$sample" -n 2 2>/dev/null | awk '/^top -/ {n++} n == 2' | sed -n '7,12p' >"$WORK/top.txt" &
      thread_cpu "$QUELL_PID" "$sample"
      wait
      [[ -s $WORK/wrk-cpu ]] && echo "  wrk (pid $wrk_pid) over the same window: $(cat "$WORK/wrk-cpu")% of one core"
      echo "  busiest processes over the same window (top):"
      sed 's/^/    /' "$WORK/top.txt"
      echo "  load average then: $(load_average)"
    } >"$WORK/threads.txt" 2>&1
  ) &
  SAMPLER_PID=$!
fi

log "measured run ($DURATION)"
run_wrk "$WORK/run.out" "$PUSH_URL" "$DURATION"
wrk_rc=$?
[[ -n $SAMPLER_PID ]] && { wait "$SAMPLER_PID" 2>/dev/null; SAMPLER_PID=; }
rss_after=$(rss_kb "$QUELL_PID")
hwm=$(hwm_kb "$QUELL_PID")
load_after=$(load_average)
active=$(active_alerts)
((wrk_rc == 0)) || log "wrk exited with status $wrk_rc"

[[ -s $WORK/threads.txt ]] && cat "$WORK/threads.txt"
echo
echo "== Quell push load: sync=${SYNC:-full} -t$THREADS -c$CONNECTIONS -d$DURATION keys=${QUELL_BENCH_KEYS:-100000}"
print_wrk_figures "$WORK/run.out"
echo "server CPU/event: $(cpu_field "$WORK/run.out") us"
echo "active alerts:    $active"
echo "server RSS:       $(kb_to_mib "$rss_after") MiB (before the run $(kb_to_mib "$rss_before") MiB, peak VmHWM $(kb_to_mib "$hwm") MiB)"
echo "load average:     $load_after (after the run)"
echo "RESULT push-load sync=${SYNC:-full} events_per_s=$(bench_field "$WORK/run.out" ok_rps)" \
  "p50_ms=$(bench_field "$WORK/run.out" p50_ms) p99_ms=$(bench_field "$WORK/run.out" p99_ms)" \
  "non2xx=$(bench_field "$WORK/run.out" non2xx) cpu_us_per_event=$(cpu_field "$WORK/run.out")" \
  "rss_mib=$(kb_to_mib "$rss_after")"
echo

stop_quell
exit "$wrk_rc"
