#!/usr/bin/env bash
# The ceiling of this machine for an HTTP server that does no work: nginx (2 workers) answering every
# request with a fixed 200 JSON body, driven by the same wrk command and push.lua as bench/push-load.sh.
#
#   bench/nginx-baseline.sh
#   DURATION=15s bench/nginx-baseline.sh
#
# Environment: DURATION (30s), WARMUP (10s, 0 = none), THREADS (2), CONNECTIONS (64), NGINX_WORKERS (2),
# THREAD_SAMPLE (5: seconds of CPU sampling of wrk and the machine mid-run, 0 = off).
set -uo pipefail
source "$(dirname "$0")/lib.sh"
require wrk curl nginx

WORK=$(mktemp -d "${TMPDIR:-/tmp}/quell-nginx-baseline.XXXXXX")
NGINX_PID=
cleanup() {
  if [[ -n $NGINX_PID ]] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill -QUIT "$NGINX_PID" 2>/dev/null   # graceful stop of master and workers
    for _ in $(seq 1 50); do kill -0 "$NGINX_PID" 2>/dev/null || break; sleep 0.1; done
    kill -TERM "$NGINX_PID" 2>/dev/null
    wait "$NGINX_PID" 2>/dev/null
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PORT=$(free_port)
mkdir -p "$WORK/tmp"
cat >"$WORK/nginx.conf" <<EOF
worker_processes ${NGINX_WORKERS:-2};
daemon off;
master_process on;
pid $WORK/nginx.pid;
error_log $WORK/error.log warn;

events {
    worker_connections 4096;
}

http {
    access_log off;
    keepalive_requests 100000000;
    keepalive_timeout 75s;
    client_body_temp_path $WORK/tmp/body;
    proxy_temp_path $WORK/tmp/proxy;
    fastcgi_temp_path $WORK/tmp/fastcgi;
    uwsgi_temp_path $WORK/tmp/uwsgi;
    scgi_temp_path $WORK/tmp/scgi;

    server {
        listen 127.0.0.1:$PORT;
        location / {
            default_type application/json;
            return 200 '{"request_id":"0","data":{}}';
        }
    }
}
EOF

log "load average before: $(load_average) ($(nproc) cores)"
nginx -t -q -p "$WORK" -c "$WORK/nginx.conf" -e "$WORK/error.log" || die "nginx config test failed"
nginx -p "$WORK" -c "$WORK/nginx.conf" -e "$WORK/error.log" &
NGINX_PID=$!
URL="http://127.0.0.1:$PORT$PUSH_PATH?integration_key=baseline"
for _ in $(seq 1 100); do
  [[ $(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d '{}' "$URL") == 200 ]] && break
  kill -0 "$NGINX_PID" 2>/dev/null || { cat "$WORK/error.log" >&2; die "nginx exited"; }
  sleep 0.1
done
log "nginx is up on 127.0.0.1:$PORT (master pid $NGINX_PID)"

warm_up "$URL"
SAMPLER_PID=
if [[ ${THREAD_SAMPLE:-5} != 0 ]]; then
  # wrk's threads and the machine-wide CPU split, a few seconds into the run (compare with push-load.sh).
  (
    sleep 3
    wrk_pid=$(pgrep -n -x wrk -P $$ 2>/dev/null || true)
    [[ -n $wrk_pid ]] || exit 0
    { echo "wrk (pid $wrk_pid) over ${THREAD_SAMPLE:-5}s, 3 s into the run:"
      thread_cpu "$wrk_pid" "${THREAD_SAMPLE:-5}"; } >"$WORK/threads.txt" 2>&1
  ) &
  SAMPLER_PID=$!
fi
log "measured run ($DURATION)"
run_wrk "$WORK/run.out" "$URL" "$DURATION"
wrk_rc=$?
[[ -n $SAMPLER_PID ]] && wait "$SAMPLER_PID" 2>/dev/null
[[ -s $WORK/threads.txt ]] && cat "$WORK/threads.txt"
rss_total=0
for p in $(pgrep -P "$NGINX_PID") "$NGINX_PID"; do
  r=$(rss_kb "$p"); [[ $r =~ ^[0-9]+$ ]] && rss_total=$((rss_total + r))
done

echo
echo "== nginx baseline: -t$THREADS -c$CONNECTIONS -d$DURATION, ${NGINX_WORKERS:-2} workers, return 200"
print_wrk_figures "$WORK/run.out"
echo "nginx RSS:        $(kb_to_mib "$rss_total") MiB (master + workers)"
echo "load average:     $(load_average) (after the run)"
echo "RESULT nginx-baseline events_per_s=$(bench_field "$WORK/run.out" ok_rps)" \
  "p50_ms=$(bench_field "$WORK/run.out" p50_ms) p99_ms=$(bench_field "$WORK/run.out" p99_ms)" \
  "non2xx=$(bench_field "$WORK/run.out" non2xx) rss_mib=$(kb_to_mib "$rss_total")"
exit "$wrk_rc"
