# Shared helpers for the bench/*.sh scripts. Sourced, not run.
# shellcheck shell=bash

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$BENCH_DIR/.." && pwd)
PUSH_LUA="$BENCH_DIR/push.lua"
PUSH_PATH=/event/push/alert/standard

THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-10s}
export QUELL_BENCH_THREADS=$THREADS

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

require() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool not found (apt-get install -y wrk nginx-light curl jq)"
  done
}

load_average() { cut -d' ' -f1-3 /proc/loadavg; }

# A TCP port on 127.0.0.1 that nothing listens on right now.
free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' \
      2>/dev/null && return
  fi
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  die "no free port found"
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo "?"; }
hwm_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo "?"; }
kb_to_mib() { awk -v k="$1" 'BEGIN { if (k ~ /^[0-9]+$/) printf "%.1f", k / 1024; else print "?" }'; }

build_jar() {
  if [[ ${SKIP_BUILD:-0} == 1 ]]; then
    [[ -f $REPO_ROOT/target/quell.jar ]] || die "SKIP_BUILD=1 but target/quell.jar is missing"
    log "SKIP_BUILD=1: using the existing target/quell.jar"
    return
  fi
  log "building: ./mvnw -q -B -DskipTests package"
  (cd "$REPO_ROOT" && ./mvnw -q -B -DskipTests package) || die "build failed"
}

# The JVM options ./quell runs with, unless the caller chose others.
QUELL_JAVA_OPTS=${QUELL_JAVA_OPTS:-$(sed -n 's/^DEFAULT_JAVA_OPTS="\(.*\)"$/\1/p' "$REPO_ROOT/quell")}
export QUELL_JAVA_OPTS

# start_quell WORKDIR: sets QUELL_PID, QUELL_PORT, QUELL_URL, QUELL_APP_KEY, QUELL_LOG.
# Must be called in the main shell (not in $(...)) so the script can wait for the process.
start_quell() {
  local work=$1
  QUELL_PORT=$(free_port)
  QUELL_URL="http://127.0.0.1:$QUELL_PORT"
  QUELL_LOG="$work/quell.log"
  export QUELL_APP_KEY=${QUELL_APP_KEY:-bench-$RANDOM$RANDOM$RANDOM}
  local sync=${SYNC:-full}
  mkdir -p "$work/data"
  # The same command ./quell execs, but on a private copy of the jar: a concurrent `mvnw package` or a
  # source edit (./quell would rebuild) cannot swap classes under the running server.
  cp "$REPO_ROOT/target/quell.jar" "$work/quell.jar" || die "target/quell.jar is missing"
  log "starting Quell on $QUELL_URL (--sync $sync, data $work/data, QUELL_JAVA_OPTS='${QUELL_JAVA_OPTS:-}')"
  # shellcheck disable=SC2086
  java ${QUELL_JAVA_OPTS:-} -jar "$work/quell.jar" serve --port "$QUELL_PORT" --data "$work/data" \
    --rate-per-second 0 --rate-per-minute 0 --sync "$sync" >"$QUELL_LOG" 2>&1 &
  QUELL_PID=$!
  local deadline=$((SECONDS + ${START_TIMEOUT:-120}))
  until [[ $(curl -s -o /dev/null -w '%{http_code}' "$QUELL_URL/health" 2>/dev/null) == 200 ]]; do
    if ! kill -0 "$QUELL_PID" 2>/dev/null; then
      tail -n 40 "$QUELL_LOG" >&2
      die "Quell exited before /health answered"
    fi
    ((SECONDS < deadline)) || { tail -n 40 "$QUELL_LOG" >&2; die "Quell did not answer /health in time"; }
    sleep 0.2
  done
  log "Quell is up: pid $QUELL_PID, RSS $(kb_to_mib "$(rss_kb "$QUELL_PID")") MiB"
}

# create_integration [CHANNEL_ID]: sets INTEGRATION_KEY and PUSH_URL (an integration with no rate limit, in the
# given channel or else the default one).
create_integration() {
  local out channel=${1:+,\"channel_id\":$1}
  out=$(curl -sS -X POST "$QUELL_URL/integration/create?app_key=$QUELL_APP_KEY" \
    -H 'Content-Type: application/json' \
    -d "{\"integration_name\":\"bench\",\"rate_limit\":{\"per_second\":0,\"per_minute\":0}$channel}") \
    || die "/integration/create failed"
  INTEGRATION_KEY=$(jq -r '.data.integration_key // empty' <<<"$out")
  [[ -n $INTEGRATION_KEY ]] || die "/integration/create answered: $out"
  PUSH_URL="$QUELL_URL$PUSH_PATH?integration_key=$INTEGRATION_KEY"
  log "integration created: $PUSH_URL"
}

# active_alerts: prints data.total of /alert/list with is_active=true (created in the last 6 h).
active_alerts() {
  local now out
  now=$(date +%s)
  out=$(curl -sS -X POST "$QUELL_URL/alert/list?app_key=$QUELL_APP_KEY" \
    -H 'Content-Type: application/json' \
    -d "{\"start_time\":$((now - 6 * 3600)),\"end_time\":$((now + 3600)),\"is_active\":true,\"p\":1,\"limit\":1}") \
    || { echo "?"; return; }
  jq -r '.data.total // "?"' <<<"$out"
}

# stop_quell: SIGTERM, wait for the drain (up to STOP_TIMEOUT s), report how it ended.
stop_quell() {
  [[ -n ${QUELL_PID:-} ]] || return 0
  kill -0 "$QUELL_PID" 2>/dev/null || { QUELL_PID=; return 0; }
  log "stopping Quell (SIGTERM to $QUELL_PID)"
  local t0=$SECONDS rc
  kill -TERM "$QUELL_PID"
  local deadline=$((SECONDS + ${STOP_TIMEOUT:-60}))
  while kill -0 "$QUELL_PID" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  if kill -0 "$QUELL_PID" 2>/dev/null; then
    log "Quell did not stop within ${STOP_TIMEOUT:-60}s; SIGKILL"
    kill -KILL "$QUELL_PID" 2>/dev/null
  fi
  wait "$QUELL_PID" 2>/dev/null
  rc=$?
  if grep -q ' - stopped$' "$QUELL_LOG" 2>/dev/null; then
    log "Quell stopped cleanly in $((SECONDS - t0))s (exit status $rc; 143 = ended by SIGTERM after its shutdown hook)"
  else
    log "Quell exited with status $rc without logging 'stopped'; last log lines:"
    tail -n 20 "$QUELL_LOG" >&2
  fi
  QUELL_PID=
}

# clean_up_bench: what a script that runs Quell and wrk in the background does on exit (trap clean_up_bench EXIT):
# interrupts its wrk ($WRK_PID), stops Quell and removes its work directory ($WORK); each step only when set.
clean_up_bench() {
  [[ -n ${WRK_PID:-} ]] && kill -INT "$WRK_PID" 2>/dev/null && wait "$WRK_PID" 2>/dev/null
  stop_quell
  [[ -n ${WORK:-} ]] && rm -rf "$WORK"
  return 0
}

# run_wrk OUTFILE URL [DURATION]: the benchmark command; its output goes to OUTFILE and stderr. With a server
# running (QUELL_PID), a line "QUELL_CPU server_cpu_s=S cpu_us_per_event=U" follows: the server's CPU time over the
# run, and that time per acknowledged event. Throughput on two shared cores scatters by +-10 % between runs; the CPU
# an event costs scatters much less, so it is the figure to compare builds and modes by.
run_wrk() {
  local out=$1 url=$2 duration=${3:-$DURATION} ticks_before
  ticks_before=$(proc_ticks "${QUELL_PID:-}")
  log "wrk -t$THREADS -c$CONNECTIONS -d$duration --latency -s $PUSH_LUA '$url'"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --latency -s "$PUSH_LUA" "$url" >"$out" 2>&1
  local rc=$?
  if [[ -n $ticks_before ]]; then
    awk -v a="$ticks_before" -v b="$(proc_ticks "$QUELL_PID")" -v hz="$(getconf CLK_TCK)" \
      -v ok="$(bench_field "$out" ok)" 'BEGIN { if (b == "" || ok + 0 <= 0) exit
        s = (b - a) / hz; printf "QUELL_CPU server_cpu_s=%.1f cpu_us_per_event=%.1f\n", s, s * 1e6 / ok }' >>"$out"
  fi
  cat "$out" >&2
  return $rc
}

# warm_up URL: a wrk run of WARMUP (0 = none) before the measured one, its output in $WORK/warmup.out; a failure is
# logged, not fatal.
warm_up() {
  [[ $WARMUP != 0 && $WARMUP != 0s ]] || return 0
  log "warm-up ($WARMUP)"
  run_wrk "$WORK/warmup.out" "$1" "$WARMUP" 2>/dev/null || log "warm-up wrk exited with $? (continuing)"
}

# proc_ticks PID: the user + system CPU time of a process so far, in clock ticks; empty without a live PID.
proc_ticks() {
  [[ -n $1 ]] || return 0
  awk '{sub(/^.*\) /, ""); split($0, f, " "); print f[12] + f[13]}' "/proc/$1/stat" 2>/dev/null
}

# cpu_field FILE: cpu_us_per_event from run_wrk's QUELL_CPU line, or "?".
cpu_field() {
  local value
  value=$(grep '^QUELL_CPU ' "$1" | tail -n 1 | tr ' ' '\n' | awk -F= '$1 == "cpu_us_per_event" {print $2}')
  echo "${value:-?}"
}

# bench_field FILE NAME: a value from push.lua's "QUELL_BENCH k=v ..." line.
bench_field() {
  grep '^QUELL_BENCH ' "$1" | tail -n 1 | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k {print $2}'
}

# thread_cpu PID SECONDS: per-thread CPU over a window, busiest first, from /proc/PID/task/*/schedstat:
# "cpu" = time running, "runq" = time runnable but waiting for a core (both in % of the window), then the
# machine-wide CPU split over the same window from /proc/stat.
thread_cpu() {
  local pid=$1 secs=$2
  snap() {
    local t
    for t in /proc/"$pid"/task/*; do
      printf '%s|%s|%s\n' "${t##*/}" "$(cat "$t/comm" 2>/dev/null)" "$(cat "$t/schedstat" 2>/dev/null)"
    done
  }
  local before after sys_before sys_after
  before=$(snap); sys_before=$(head -n 1 /proc/stat)
  sleep "$secs"
  after=$(snap); sys_after=$(head -n 1 /proc/stat)
  awk -F'|' -v secs="$secs" '
    NR == FNR { split($3, a, " "); r[$1] = a[1]; w[$1] = a[2]; next }
    { split($3, a, " "); dr = a[1] - r[$1]; dw = a[2] - w[$1]; tr += dr; tw += dw
      if (dr > 0) printf "%.1f|%.1f|%s|%s\n", dr / secs / 1e7, dw / secs / 1e7, $2, $1 }
    END { printf "%.1f|%.1f|(process total)|-\n", tr / secs / 1e7, tw / secs / 1e7 }' \
    <(echo "$before") <(echo "$after") \
    | sort -t'|' -k1,1 -rn | head -n 13 \
    | awk -F'|' 'BEGIN { printf "  %7s %7s  %-30s\n", "cpu", "runq", "thread" }
                 { printf "  %6.1f%% %6.1f%%  %-30s tid %s\n", $1, $2, $3, $4 }'
  awk -v a="$sys_before" -v b="$sys_after" 'BEGIN {
    n = split(a, x, " "); split(b, y, " "); tot = 0
    for (i = 2; i <= n; i++) { d[i] = y[i] - x[i]; tot += d[i] }
    if (tot <= 0) exit
    printf "  machine: user %.0f%% system %.0f%% softirq %.0f%% iowait %.0f%% steal %.0f%% idle %.0f%% (of all cores)\n",
      100 * (d[2] + d[3]) / tot, 100 * d[4] / tot, 100 * d[8] / tot, 100 * d[6] / tot, 100 * d[9] / tot, 100 * d[5] / tot }'
}

# proc_cpu PID SECONDS: CPU of a whole process over a window, in % of one core.
proc_cpu() {
  local pid=$1 secs=$2 hz a b
  hz=$(getconf CLK_TCK)
  a=$(proc_ticks "$pid") || return
  sleep "$secs"
  b=$(proc_ticks "$pid") || return
  awk -v a="$a" -v b="$b" -v hz="$hz" -v s="$secs" 'BEGIN { printf "%.0f", 100 * (b - a) / hz / s }'
}

# print_wrk_figures FILE: the figures of a run's QUELL_BENCH line, one per line.
print_wrk_figures() {
  local out=$1
  echo "events/s (2xx/s): $(bench_field "$out" ok_rps)"
  echo "requests/s:       $(bench_field "$out" rps)"
  echo "p50 ms:           $(bench_field "$out" p50_ms)"
  echo "p90 ms:           $(bench_field "$out" p90_ms)"
  echo "p99 ms:           $(bench_field "$out" p99_ms)"
  echo "non-2xx:          $(bench_field "$out" non2xx)"
  echo "socket errors:    $(bench_field "$out" socket_errors)"
}
