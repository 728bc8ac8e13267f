#!/usr/bin/env bash
# Memory of Quell holding 100,000 open alerts: pushes that many distinct alert keys, then reports the
# server's RSS and JVM heap right after the push and after an idle pause, and the active-alert count.
#
#   bench/memory-100k.sh
#   ALERTS=200000 IDLE=30 SYNC=normal bench/memory-100k.sh
#
# Environment: ALERTS (100000), IDLE (10 s), SYNC (full|normal), THREADS (2), CONNECTIONS (64),
# PUSH_TIMEOUT (600s: cap on the push), FORCE_GC (1: at the end also run `jcmd PID GC.run` and report the
# heap after a full collection; 0 = off), NMT (0: 1 = start the JVM with -XX:NativeMemoryTracking=summary and
# print its committed totals after the idle pause, to split RSS into JVM areas and native/SQLite memory),
# QUELL_JAVA_OPTS, SKIP_BUILD=1.
#
# How the push stops by itself: with QUELL_BENCH_ALERTS=N, push.lua gives each wrk thread its own share of
# the keys 0..N-1, repeats un-acknowledged ones, and stops the thread (wrk.thread:stop()) once the server
# has acknowledged every key of its share. wrk's main thread would still sleep until -d, so this script
# polls /alert/list and sends wrk SIGINT as soon as N active alerts are stored; wrk then prints its summary.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
require wrk curl jq java jcmd

ALERTS=${ALERTS:-100000}
IDLE=${IDLE:-10}
PUSH_TIMEOUT=${PUSH_TIMEOUT:-600s}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/quell-memory.XXXXXX")
QUELL_PID=
WRK_PID=
trap clean_up_bench EXIT
trap 'exit 130' INT TERM

heap_used() {
  # G1: " garbage-first heap   total 262144K, used 123456K [...]"; Parallel: a "PSYoungGen total ..., used ..." and
  # a "ParOldGen total ..., used ..." line, summed here. Metaspace's lines have no "total".
  jcmd "$1" GC.heap_info 2>/dev/null | awk '/total/ && /used/ {
    for (i = 1; i <= NF; i++) { if ($i == "total") t = $(i + 1); if ($i == "used") u = $(i + 1) }
    gsub(/[^0-9]/, "", t); gsub(/[^0-9]/, "", u); total += t; used += u; seen = 1 }
    END { if (seen) printf "used %.1f MiB of %.1f MiB committed\n", used / 1024, total / 1024 }'
}

# rss_split PID: "anon X MiB, file Y MiB" (RssAnon: heap, malloc, stacks; RssFile: mapped jar/libs/files).
rss_split() {
  awk '/^RssAnon:/ {a = $2} /^RssFile:/ {f = $2} /^RssShmem:/ {s = $2}
       END { printf "anon %.1f MiB, file %.1f MiB, shmem %.1f MiB", a / 1024, f / 1024, s / 1024 }' "/proc/$1/status"
}

if [[ ${NMT:-0} == 1 ]]; then
  export QUELL_JAVA_OPTS="${QUELL_JAVA_OPTS:-} -XX:NativeMemoryTracking=summary"
fi

log "load average before: $(load_average) ($(nproc) cores)"
build_jar
start_quell "$WORK"
create_integration
rss_start=$(rss_kb "$QUELL_PID")
heap_start=$(heap_used "$QUELL_PID")

log "pushing $ALERTS distinct alerts"
t0=$(date +%s.%N)
QUELL_BENCH_ALERTS=$ALERTS wrk -t"$THREADS" -c"$CONNECTIONS" -d"$PUSH_TIMEOUT" --latency -s "$PUSH_LUA" "$PUSH_URL" \
  >"$WORK/push.out" 2>&1 &
WRK_PID=$!
count=0
while kill -0 "$WRK_PID" 2>/dev/null; do
  sleep 1
  count=$(active_alerts)
  if [[ $count =~ ^[0-9]+$ ]] && ((count >= ALERTS)); then
    kill -INT "$WRK_PID" 2>/dev/null
    break
  fi
done
t1=$(date +%s.%N)
wait "$WRK_PID"
WRK_PID=
cat "$WORK/push.out" >&2
push_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
log "push finished after ${push_s}s (active alerts seen: $count)"

rss_push=$(rss_kb "$QUELL_PID")
heap_push=$(heap_used "$QUELL_PID")
log "idle ${IDLE}s"
sleep "$IDLE"
rss_idle=$(rss_kb "$QUELL_PID")
split_idle=$(rss_split "$QUELL_PID")
heap_idle=$(heap_used "$QUELL_PID")
if [[ ${NMT:-0} == 1 ]]; then
  jcmd "$QUELL_PID" VM.native_memory summary scale=MB >"$WORK/nmt.txt" 2>&1
fi
active=$(active_alerts)
hwm=$(hwm_kb "$QUELL_PID")
if [[ ${FORCE_GC:-1} == 1 ]]; then
  jcmd "$QUELL_PID" GC.run >/dev/null 2>&1
  sleep 1
  rss_gc=$(rss_kb "$QUELL_PID")
  heap_gc=$(heap_used "$QUELL_PID")
fi
db_size=$(du -sk "$WORK/data" | cut -f1)
gc_name=$(jcmd "$QUELL_PID" VM.flags 2>/dev/null | grep -o -- '-XX:+Use[A-Za-z0-9]*GC' | head -n 1)
max_heap=$(jcmd "$QUELL_PID" VM.flags 2>/dev/null | grep -o -- '-XX:MaxHeapSize=[0-9]*' | cut -d= -f2)

echo
echo "== Quell memory with $ALERTS open alerts (sync=${SYNC:-full}, ${gc_name:-default GC}, max heap $(kb_to_mib $(( ${max_heap:-0} / 1024 ))) MiB)"
echo "push:                  ${push_s}s, $(grep '^QUELL_BENCH ' "$WORK/push.out")"
grep '^QUELL_BENCH_ALERTS ' "$WORK/push.out"
echo "active alerts:         $active (/alert/list is_active=true, data.total)"
echo "RSS at start (idle):   $(kb_to_mib "$rss_start") MiB; heap $heap_start"
echo "RSS after the push:    $(kb_to_mib "$rss_push") MiB; heap $heap_push"
echo "RSS after ${IDLE}s idle:    $(kb_to_mib "$rss_idle") MiB; heap $heap_idle"
echo "  RSS split (idle):    $split_idle"
if [[ ${NMT:-0} == 1 ]]; then
  echo "  NMT committed (MB, JVM-tracked; RSS minus this ~ SQLite/native malloc + untracked):"
  grep -E '^(Total|-\s+[A-Za-z ]+ \()' "$WORK/nmt.txt" | sed -E 's/^-?\s*/    /; s/, reserved=[0-9]+MB//; s/reserved=[0-9]+MB, //'
fi
[[ ${FORCE_GC:-1} == 1 ]] && echo "after jcmd GC.run:     RSS $(kb_to_mib "$rss_gc") MiB; heap $heap_gc (live set, extra figure)"
echo "peak RSS (VmHWM):      $(kb_to_mib "$hwm") MiB"
echo "data dir on disk:      $(kb_to_mib "$db_size") MiB"
echo "load average:          $(load_average)"
echo "RESULT memory-100k alerts=$ALERTS active=$active rss_push_mib=$(kb_to_mib "$rss_push")" \
  "rss_idle_mib=$(kb_to_mib "$rss_idle") heap_idle=\"$heap_idle\""
echo

stop_quell
