#!/usr/bin/env bash
# What Quell's design costs apart from Quell's own work: the same wrk load as bench/push-load.sh against
# SkeletonServer (bench/jmh), which keeps the server's event loops, writer queue and sync thread but does no
# decoding, no engine and no SQLite. One run per stage, one after the other:
#   answer   the event loop answers at once (Vert.x and the kernel alone)
#   handoff  each request goes through the writer thread's queue and back, as a push does
#   fsync    the writer appends each batch to a file, the sync thread fdatasyncs it, then answers (--sync full);
#            meanwhile the writer's next batch grows to the size of the one being synced, as in Quell
#   writerFsync  the same without the sync thread: the writer fdatasyncs each batch itself, then answers
#
#   bench/skeleton-load.sh
#   STAGES=fsync DURATION=20s bench/skeleton-load.sh
#
# Environment: STAGES ("answer handoff fsync writerFsync"), DURATION (30s), WARMUP (10s, 0 = none), THREADS (2),
# CONNECTIONS (64), QUELL_TRANSPORT (auto|io_uring|nio, as ./quell serve), QUELL_JAVA_OPTS (JVM flags, default
# ./quell's), SKIP_BUILD=1 (reuse bench/jmh/target/benchmarks.jar), THREAD_SAMPLE (5: seconds of per-thread CPU
# sampling mid-run, 0 = off).
set -uo pipefail
source "$(dirname "$0")/lib.sh"
require wrk curl java

JAR=$REPO_ROOT/bench/jmh/target/benchmarks.jar
WORK=$(mktemp -d "${TMPDIR:-/tmp}/quell-skeleton-load.XXXXXX")
QUELL_PID=
SAMPLER_PID=
stop_skeleton() {
  if [[ -n $QUELL_PID ]]; then
    kill "$QUELL_PID" 2>/dev/null
    wait "$QUELL_PID" 2>/dev/null
    QUELL_PID=
  fi
}
cleanup() {
  [[ -n $SAMPLER_PID ]] && kill "$SAMPLER_PID" 2>/dev/null
  stop_skeleton
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ ${SKIP_BUILD:-0} == 1 ]]; then
  [[ -f $JAR ]] || die "SKIP_BUILD=1 but $JAR is missing"
else
  log "building: ./mvnw -q -B -DskipTests install, then bench/jmh"
  (cd "$REPO_ROOT" && ./mvnw -q -B -DskipTests install && ./mvnw -q -B -f bench/jmh/pom.xml package) \
    || die "build failed"
fi
log "load average before: $(load_average) ($(nproc) cores)"

status=0
for stage in ${STAGES:-answer handoff fsync writerFsync}; do
  PORT=$(free_port)
  URL="http://127.0.0.1:$PORT$PUSH_PATH?integration_key=skeleton"
  # shellcheck disable=SC2086 # QUELL_JAVA_OPTS is a list of flags
  java $QUELL_JAVA_OPTS -cp "$JAR" dev.quell.bench.SkeletonServer "$stage" "$PORT" "$WORK/log-$stage" \
    >"$WORK/server-$stage.log" 2>&1 &
  QUELL_PID=$!
  for _ in $(seq 1 200); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d '{}' "$URL") == 200 ]] \
      && break
    kill -0 "$QUELL_PID" 2>/dev/null || { cat "$WORK/server-$stage.log" >&2; die "the skeleton server exited"; }
    sleep 0.1
  done
  log "skeleton $stage is up on 127.0.0.1:$PORT (pid $QUELL_PID)"
  warm_up "$URL"
  if [[ ${THREAD_SAMPLE:-5} != 0 ]]; then
    ( sleep 3
      { echo "threads of the skeleton (pid $QUELL_PID) over ${THREAD_SAMPLE:-5}s, 3 s into the run:"
        thread_cpu "$QUELL_PID" "${THREAD_SAMPLE:-5}"; } >"$WORK/threads.txt" 2>&1 ) &
    SAMPLER_PID=$!
  fi
  log "measured run ($DURATION)"
  run_wrk "$WORK/run.out" "$URL" "$DURATION" || status=$?
  [[ -n $SAMPLER_PID ]] && { wait "$SAMPLER_PID" 2>/dev/null; SAMPLER_PID=; }
  [[ -s $WORK/threads.txt ]] && cat "$WORK/threads.txt"
  echo
  echo "== skeleton $stage: -t$THREADS -c$CONNECTIONS -d$DURATION"
  print_wrk_figures "$WORK/run.out"
  echo "server CPU/event: $(cpu_field "$WORK/run.out") us"
  echo "RESULT skeleton-load stage=$stage events_per_s=$(bench_field "$WORK/run.out" ok_rps)" \
    "p50_ms=$(bench_field "$WORK/run.out" p50_ms) p99_ms=$(bench_field "$WORK/run.out" p99_ms)" \
    "non2xx=$(bench_field "$WORK/run.out" non2xx) cpu_us_per_event=$(cpu_field "$WORK/run.out")"
  echo
  stop_skeleton
  rm -f "$WORK/threads.txt"
done
exit "$status"
