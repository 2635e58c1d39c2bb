#!/usr/bin/env bash
# Benchmarks of the REST path, each next to its baseline in the same run (see BENCHMARKS.md):
#   - start-up: time from exec to GET /api/rest/info answering, and idle RSS (first start);
#   - GET /api/rest/device/{id} with a valid token (auth + storage) vs GET /api/rest/info
#     (no auth, no storage) on the same server, with wrk over keep-alive connections;
#   - POST /api/rest/device/{id}/notification (wrk with a Lua script for the body) vs nginx
#     answering every request with a fixed 201 (the ceiling of an HTTP server here), 1 core each.
# Server and wrk are pinned to different cores so the load tool does not steal the server's CPU.
# Writes bench/results/<date>-rest.json (rows as BENCHMARKS.md describes) and prints a table.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/common.sh

DURATION=${DH_BENCH_DURATION:-10}
CONNECTIONS=${DH_BENCH_CONNECTIONS:-32}

dh_ensure_packages "${DH_BUILD_PACKAGES[@]}" "${DH_BENCH_PACKAGES[@]}"
dh_log "building (Release)"
cmake --preset release -DDH_BUILD_TESTS=OFF -DDH_BUILD_BENCH=ON >/dev/null
cmake --build --preset release --target devicehive dh_startup_probe >/dev/null
BIN=build/release/src/app/devicehive
mkdir -p bench/results
WORK=$(mktemp -d)
SERVER_PID=
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

dh_log "start-up and idle memory (5 first starts)"
STARTUP=$(build/release/bench/dh_startup_probe "$BIN" 5)
echo "$STARTUP"

# rps <url> [header] [lua script]: requests/s reported by wrk.
rps() {
  local args=(-t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency)
  [ $# -gt 1 ] && [ -n "$2" ] && args+=(-H "$2")
  [ $# -gt 2 ] && args+=(-s "$3")
  taskset -c 1 wrk "${args[@]}" "$1" | tee -a "$WORK/wrk.log" | awk '/Requests\/sec/ {print $2}'
}

bench_rest() {  # bench_rest <server threads> <cpu list>
  local threads=$1 cpus=$2 port
  rm -rf "$WORK/data"
  JWT_SECRET=bench-secret taskset -c "$cpus" "$BIN" --http-address 127.0.0.1 --http-port 0 --mqtt-port 0 \
    --port-file "$WORK/port.json" --data-dir "$WORK/data" --log-level warn --threads "$threads" &
  SERVER_PID=$!
  while [ ! -s "$WORK/port.json" ]; do sleep 0.01; done
  port=$(sed -n 's/.*"http":\([0-9]*\).*/\1/p' "$WORK/port.json")
  rm -f "$WORK/port.json"
  local token
  token=$(curl -s -X POST "http://127.0.0.1:$port/api/rest/token" -H 'Content-Type: application/json' \
    -d '{"login":"dhadmin","password":"dhadmin_#911"}' | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
  INFO_RPS=$(rps "http://127.0.0.1:$port/api/rest/info")
  DEVICE_RPS=$(rps "http://127.0.0.1:$port/api/rest/device/$SAMPLE_DEVICE" \
    "Authorization: Bearer $token")
  INSERT_RPS=$(rps "http://127.0.0.1:$port/api/rest/device/$SAMPLE_DEVICE/notification" \
    "Authorization: Bearer $token" "$WORK/insert.lua")
  LOADED_RSS=$(awk '/VmRSS/ {print $2}' "/proc/$SERVER_PID/status")
  kill "$SERVER_PID"; wait "$SERVER_PID" || true; SERVER_PID=
}

SAMPLE_DEVICE=e50d6085-2aba-48e9-b1c3-73c673e414be
cat > "$WORK/insert.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"notification":"temperature","parameters":{"celsius":21.5}}'
wrk.headers["Content-Type"] = "application/json"
LUA

# nginx_rps: requests/s of nginx (one worker on cpu 0) answering every request with a fixed 201
# and a body like ours, for the insert's POST.
nginx_rps() {
  local port
  mkdir -p "$WORK/nginx"
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    port=$((20000 + RANDOM % 30000))
    dh_port_open "$port" || break
  done
  cat > "$WORK/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon off;
master_process off;
error_log stderr error;
pid $WORK/nginx/nginx.pid;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$port;
    location / {
      default_type application/json;
      return 201 '{"id":1,"timestamp":"2026-01-01T00:00:00.000"}';
    }
  }
}
CONF
  taskset -c 0 nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
  SERVER_PID=$!
  while ! dh_port_open "$port"; do sleep 0.01; done
  rps "http://127.0.0.1:$port/api/rest/device/$SAMPLE_DEVICE/notification" "" "$WORK/insert.lua"
  kill "$SERVER_PID"; wait "$SERVER_PID" || true; SERVER_PID=
}

dh_log "REST: server on 1 core (cpu 0), wrk on cpu 1"
bench_rest 1 0
INFO1=$INFO_RPS DEVICE1=$DEVICE_RPS RSS1=$LOADED_RSS INSERT1=$INSERT_RPS
dh_log "REST: nginx with a fixed 201 on 1 core (cpu 0), wrk on cpu 1"
NGINX1=$(nginx_rps)
dh_log "REST: server on both cores (default threads), wrk on cpu 1"
bench_rest 2 0,1
INFO2=$INFO_RPS DEVICE2=$DEVICE_RPS

field() { echo "$STARTUP" | sed "s/.*\"$1\":\([0-9.]*\).*/\1/"; }
START_MS=$(field start_to_info_ms_median)
IDLE_KB=$(field idle_rss_kb_median)
OUT="bench/results/$(date -u +%Y-%m-%d)-rest.json"
awk -v s="$START_MS" -v r="$IDLE_KB" -v i1="$INFO1" -v d1="$DEVICE1" -v i2="$INFO2" -v d2="$DEVICE2" \
    -v l1="$RSS1" -v n1="$INSERT1" -v x1="$NGINX1" 'BEGIN {
  printf "[\n"
  printf "  {\"scenario\":\"startup\",\"metric\":\"start_to_info\",\"unit\":\"ms\",\"ours\":%s,\"baseline_name\":null,\"baseline\":null,\"ratio\":null,\"target_ratio\":null,\"meets\":%s},\n", s, (s < 100 ? "true" : "false")
  printf "  {\"scenario\":\"startup\",\"metric\":\"idle_rss\",\"unit\":\"KiB\",\"ours\":%s,\"baseline_name\":null,\"baseline\":null,\"ratio\":null,\"target_ratio\":null,\"meets\":%s},\n", r, (r < 20480 ? "true" : "false")
  printf "  {\"scenario\":\"rest_device_get_1core\",\"metric\":\"requests_per_s\",\"unit\":\"req/s\",\"ours\":%s,\"baseline_name\":\"GET /api/rest/info, same server\",\"baseline\":%s,\"ratio\":%.3f,\"target_ratio\":0.5,\"meets\":%s},\n", d1, i1, d1/i1, (d1/i1 >= 0.5 ? "true" : "false")
  printf "  {\"scenario\":\"rest_device_get_2cores\",\"metric\":\"requests_per_s\",\"unit\":\"req/s\",\"ours\":%s,\"baseline_name\":\"GET /api/rest/info, same server\",\"baseline\":%s,\"ratio\":%.3f,\"target_ratio\":0.5,\"meets\":%s},\n", d2, i2, d2/i2, (d2/i2 >= 0.5 ? "true" : "false")
  printf "  {\"scenario\":\"rest_notification_insert_1core\",\"metric\":\"requests_per_s\",\"unit\":\"req/s\",\"ours\":%s,\"baseline_name\":\"nginx, fixed 201\",\"baseline\":%s,\"ratio\":%.3f,\"target_ratio\":0.4,\"meets\":%s},\n", n1, x1, n1/x1, (n1/x1 >= 0.4 ? "true" : "false")
  printf "  {\"scenario\":\"rest_after_load\",\"metric\":\"rss\",\"unit\":\"KiB\",\"ours\":%s,\"baseline_name\":null,\"baseline\":null,\"ratio\":null,\"target_ratio\":null,\"meets\":null}\n", l1
  printf "]\n" }' > "$OUT"

printf '\n%-36s %14s %14s %8s\n' "scenario" "ours" "baseline" "ratio"
printf '%-36s %11s ms %14s %8s\n' "start to /info answering (median)" "$START_MS" "-" "-"
printf '%-36s %10s KiB %14s %8s\n' "idle RSS (median)" "$IDLE_KB" "-" "-"
printf '%-36s %10s r/s %10s r/s %8.2f\n' "device GET vs info, 1 core" "$DEVICE1" "$INFO1" "$(echo "$DEVICE1 $INFO1" | awk '{print $1/$2}')"
printf '%-36s %10s r/s %10s r/s %8.2f\n' "device GET vs info, 2 cores" "$DEVICE2" "$INFO2" "$(echo "$DEVICE2 $INFO2" | awk '{print $1/$2}')"
printf '%-36s %10s r/s %10s r/s %8.2f\n' "notification POST vs nginx, 1 core" "$INSERT1" "$NGINX1" "$(echo "$INSERT1 $NGINX1" | awk '{print $1/$2}')"
printf '%-36s %10s KiB\n' "RSS after the 1-core load" "$RSS1"
echo "results: $OUT"
