#!/usr/bin/env bash
# Benchmarks of the WebSocket path with bench/ws_load (dh_ws_load), loopback only:
#   - throughput: 100 device connections insert notifications, 100 subscriber connections (one
#     per device) receive them; open loop at 1,000/s and 10,000/s, then as fast as the server
#     goes (--rate 0). Delivered pushes/s and insert-to-delivery latency, tool and server CPU.
#   - plugin (fresh server): the same 100 devices, and instead of subscribers one plugin
#     registered for their network receives every notification over the plugin proxy: over one
#     connection (plugin_1conn) or four in one subscription group (plugin_group4, each
#     notification reaches one of them); at 10,000/s and at saturation. No targets.
#   - idle: 10,000 and 50,000 authenticated idle connections; server RSS per connection (fresh
#     server). A count the open-files hard limit cannot hold is skipped with a warning.
#   - sweep (one-core set-up): latency percentiles at offered loads from 5,000/s past
#     saturation (bench/results/<date>-ws-sweep.json, for the plot).
# Two server set-ups: one I/O thread pinned to cpu 0 (the tool on cpu 1), and default threads
# on both cores (the tool shares them: "tool included").
# Writes bench/results/<date>-ws.json (rows as BENCHMARKS.md describes) and prints a table.
# Saturation runs are repeated DH_BENCH_REPEAT times (3) on the same server and each figure is
# the median: single runs vary by a third.
# Environment: DH_BENCH_DURATION, DH_BENCH_WARMUP, DH_BENCH_SWEEP_DURATION (seconds),
# DH_BENCH_REPEAT,
# DH_BENCH_IDLE_CONNECTIONS (a list of counts),
# DH_BENCH_BUILD_DIR (default build/release).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/common.sh

DURATION=${DH_BENCH_DURATION:-10}
WARMUP=${DH_BENCH_WARMUP:-2}
REPEAT=${DH_BENCH_REPEAT:-3}
IDLE_CONNECTIONS=${DH_BENCH_IDLE_CONNECTIONS:-10000 50000}
BUILD_DIR=${DH_BENCH_BUILD_DIR:-build/release}
SWEEP_DURATION=${DH_BENCH_SWEEP_DURATION:-5}
SWEEP_RATES=(5000 10000 20000 40000 60000 80000)
# Targets (issue): delivered/s at saturation on the whole machine, p99 at 10,000/s, idle RSS.
TARGET_DELIVERED=50000
TARGET_P99_MS=5
TARGET_IDLE_KIB=10

dh_ensure_packages "${DH_BUILD_PACKAGES[@]}" curl util-linux jq
dh_log "building (Release) in $BUILD_DIR"
cmake --preset release -B "$BUILD_DIR" -DDH_BUILD_TESTS=OFF -DDH_BUILD_BENCH=ON >/dev/null
cmake --build "$BUILD_DIR" --target devicehive dh_ws_load >/dev/null
BIN=$BUILD_DIR/src/app/devicehive
LOAD=$BUILD_DIR/bench/dh_ws_load

# Both the server and the tool hold one descriptor per connection.
ulimit -n "$(ulimit -Hn)"
IDLE_COUNTS=()
for count in $IDLE_CONNECTIONS; do
  if [ "$(ulimit -n)" -lt $((count + 1024)) ]; then
    dh_log "warning: skipping $count idle connections: the open-files hard limit is $(ulimit -Hn)"
  else
    IDLE_COUNTS+=("$count")
  fi
done

mkdir -p bench/results
WORK=$(mktemp -d)
SERVER_PID=
PORT=
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

start_server() {  # start_server <threads> <cpu list>: a fresh server (empty data directory)
  rm -rf "$WORK/data" "$WORK/port.json"
  JWT_SECRET=bench-secret taskset -c "$2" "$BIN" --http-address 127.0.0.1 --http-port 0 \
    --mqtt-port 0 --port-file "$WORK/port.json" --data-dir "$WORK/data" --log-level warn \
    --threads "$1" &
  SERVER_PID=$!
  local waited=0
  while [ ! -s "$WORK/port.json" ]; do
    sleep 0.01
    waited=$((waited + 1))
    [ "$waited" -lt 1000 ] || { echo "the server did not start within 10 s" >&2; exit 1; }
  done
  PORT=$(jq .http "$WORK/port.json")
}

stop_server() {
  kill "$SERVER_PID"
  wait "$SERVER_PID" || true
  SERVER_PID=
}

ROWS=()
SWEEP=()
# row <scenario> <metric> <unit> <value> <meets: true|false|null>
row() {
  ROWS+=("$(jq -nc --arg s "$1" --arg m "$2" --arg u "$3" --argjson v "$4" --argjson ok "$5" \
    '{scenario:$s,metric:$m,unit:$u,ours:$v,baseline_name:null,baseline:null,ratio:null,
      target_ratio:null,meets:$ok}')")
}
# check <value> <jq comparison with $v, e.g. ". < 5"> -> true|false
check() { jq -n --argjson v "$1" "\$v | $2"; }

# run_load <mode> <label> <tool cpus> <tool threads> <rate> [more dh_ws_load options];
# LOAD_WARMUP and LOAD_DURATION override the warm-up and duration of this run; LOAD_RUNS runs it
# that many times (on the same server) and $WORK/run.json is then their median
# (scripts/lib/bench_median.jq).
run_load() {
  local mode=$1 label=$2 cpus=$3 threads=$4 rate=$5 runs=${LOAD_RUNS:-1} i files=()
  shift 5
  for ((i = 1; i <= runs; i++)); do
    dh_log "$label: $mode at rate $rate (0: saturation) $* ($i/$runs)"
    taskset -c "$cpus" "$LOAD" --port "$PORT" --server-pid "$SERVER_PID" --threads "$threads" \
      "$mode" --rate "$rate" --warmup "${LOAD_WARMUP:-$WARMUP}" \
      --duration "${LOAD_DURATION:-$DURATION}" "$@" \
      | tee -a "$WORK/runs.jsonl" > "$WORK/run-$i.json"
    jq -c '{offered_per_s,delivered_per_s,p50:.latency_ms.p50,p99:.latency_ms.p99,
            max:.latency_ms.max,ack_p50:.ack_latency_ms.p50,tool_lag_p99:.send_lag_ms.p99,errors,
            tool_cpu_pct,server_cpu_pct}' "$WORK/run-$i.json" >&2
    files+=("$WORK/run-$i.json")
  done
  jq -s -f scripts/lib/bench_median.jq "${files[@]}" > "$WORK/run.json"
  [ "$runs" = 1 ] ||
    jq -c '{median_of: '"$runs"', delivered_per_s, latency_ms}' "$WORK/run.json" >&2
}

# throughput <label> <tool cpus> <tool threads> <rate> [more dh_ws_load options]
throughput() { run_load throughput "$@"; }

errors_of() {
  jq '.errors | .insert_errors + .dropped + .bad_messages + .connections_lost + .unanswered
      + .undelivered' "$WORK/run.json"
}

# bench_plugin <suffix> <server threads> <server cpus> <tool cpus> <tool threads>
bench_plugin() {
  local suffix=$1 server_threads=$2 server_cpus=$3 tool_cpus=$4 tool_threads=$5
  local shape rate runs scenario errors options json=$WORK/run.json
  start_server "$server_threads" "$server_cpus"
  for shape in plugin_1conn plugin_group4; do
    options=(--plugin-connections 1)
    [ "$shape" = plugin_group4 ] && options=(--plugin-connections 4 --plugin-group bench)
    for rate in 10000 0; do
      runs=1
      [ "$rate" = 0 ] && runs=$REPEAT
      LOAD_RUNS=$runs run_load plugin "$suffix" "$tool_cpus" "$tool_threads" "$rate" \
        "${options[@]}"
      scenario="ws_${shape}_rate_${rate}_$suffix"
      [ "$rate" = 0 ] && scenario="ws_${shape}_saturation_$suffix"
      errors=$(errors_of)
      row "$scenario" delivered_per_s "notifications/s" "$(jq .delivered_per_s "$json")" null
      row "$scenario" latency_p50 ms "$(jq .latency_ms.p50 "$json")" null
      row "$scenario" latency_p99 ms "$(jq .latency_ms.p99 "$json")" null
      row "$scenario" latency_p999 ms "$(jq .latency_ms.p999 "$json")" null
      row "$scenario" tool_cpu "% of a core" "$(jq .tool_cpu_pct "$json")" null
      row "$scenario" server_cpu "% of a core" "$(jq .server_cpu_pct "$json")" null
      row "$scenario" errors count "$errors" "$(check "$errors" ". == 0")"
    done
  done
  stop_server
}

bench_config() {  # bench_config <suffix> <server threads> <server cpus> <tool cpus> <tool threads>
  local suffix=$1 server_threads=$2 server_cpus=$3 tool_cpus=$4 tool_threads=$5 v errors
  start_server "$server_threads" "$server_cpus"
  for rate in 1000 10000; do
    throughput "$suffix" "$tool_cpus" "$tool_threads" "$rate"
    errors=$(errors_of)
    v=$(jq .delivered_per_s "$WORK/run.json")
    row "ws_rate_${rate}_$suffix" delivered_per_s "notifications/s" "$v" \
      "$(check "$v" ". >= $rate * 0.99")"
    row "ws_rate_${rate}_$suffix" latency_p50 ms "$(jq .latency_ms.p50 "$WORK/run.json")" null
    v=$(jq .latency_ms.p99 "$WORK/run.json")
    if [ "$rate" = 10000 ]; then
      row "ws_rate_${rate}_$suffix" latency_p99 ms "$v" "$(check "$v" ". < $TARGET_P99_MS")"
    else
      row "ws_rate_${rate}_$suffix" latency_p99 ms "$v" null
    fi
    row "ws_rate_${rate}_$suffix" latency_p999 ms "$(jq .latency_ms.p999 "$WORK/run.json")" null
    row "ws_rate_${rate}_$suffix" errors count "$errors" "$(check "$errors" ". == 0")"
  done
  LOAD_RUNS=$REPEAT throughput "$suffix" "$tool_cpus" "$tool_threads" 0
  errors=$(errors_of)
  v=$(jq .delivered_per_s "$WORK/run.json")
  if [ "$suffix" = 2cores ]; then
    row "ws_saturation_$suffix" delivered_per_s "notifications/s" "$v" \
      "$(check "$v" ". >= $TARGET_DELIVERED")"
  else
    row "ws_saturation_$suffix" delivered_per_s "notifications/s" "$v" null
  fi
  row "ws_saturation_$suffix" latency_p50 ms "$(jq .latency_ms.p50 "$WORK/run.json")" null
  row "ws_saturation_$suffix" latency_p99 ms "$(jq .latency_ms.p99 "$WORK/run.json")" null
  row "ws_saturation_$suffix" latency_p999 ms "$(jq .latency_ms.p999 "$WORK/run.json")" null
  row "ws_saturation_$suffix" tool_cpu "% of a core" "$(jq .tool_cpu_pct "$WORK/run.json")" null
  row "ws_saturation_$suffix" server_cpu "% of a core" "$(jq .server_cpu_pct "$WORK/run.json")" null
  row "ws_saturation_$suffix" errors count "$errors" "$(check "$errors" ". == 0")"
  if [ "$suffix" = 1core ]; then
    for rate in "${SWEEP_RATES[@]}"; do
      LOAD_WARMUP=1 LOAD_DURATION=$SWEEP_DURATION \
        run_load throughput "$suffix sweep" "$tool_cpus" "$tool_threads" "$rate"
      SWEEP+=("$(jq -c '{series: "WebSocket device to WebSocket client, ours", offered_per_s,
        delivered_per_s, p50: .latency_ms.p50, p99: .latency_ms.p99, p999: .latency_ms.p999,
        tool_cpu_pct}' \
        "$WORK/run.json")")
    done
  fi
  stop_server

  bench_plugin "$suffix" "$server_threads" "$server_cpus" "$tool_cpus" "$tool_threads"

  local count
  for count in "${IDLE_COUNTS[@]}"; do
    dh_log "$suffix: $count idle authenticated connections (fresh server)"
    start_server "$server_threads" "$server_cpus"
    taskset -c "$tool_cpus" "$LOAD" --port "$PORT" --server-pid "$SERVER_PID" \
      --threads "$tool_threads" idle --connections "$count" \
      | tee -a "$WORK/runs.jsonl" > "$WORK/run.json"
    jq -c . "$WORK/run.json" >&2
    stop_server
    v=$(jq .connections_open "$WORK/run.json")
    row "ws_idle_${count}_$suffix" connections_open count "$v" "$(check "$v" ". == $count")"
    v=$(jq .rss_per_connection_kib "$WORK/run.json")
    row "ws_idle_${count}_$suffix" rss_per_connection KiB "$v" \
      "$(check "$v" ". != null and . <= $TARGET_IDLE_KIB")"
  done
}

bench_config 1core 1 0 1 1
bench_config 2cores 0 0,1 0,1 2

OUT="bench/results/$(date -u +%Y-%m-%d)-ws.json"
printf '%s\n' "${SWEEP[@]}" | jq -s . > "bench/results/$(date -u +%Y-%m-%d)-ws-sweep.json"
{
  echo "["
  for i in "${!ROWS[@]}"; do
    sep=","
    [ "$i" -eq $((${#ROWS[@]} - 1)) ] && sep=""
    echo "  ${ROWS[$i]}$sep"
  done
  echo "]"
} > "$OUT"

printf '\n%-36s %-18s %14s  %-16s %s\n' scenario metric ours unit meets
jq -r '.[] | [.scenario, .metric, (.ours | tostring), .unit, (.meets | tostring)] | @tsv' "$OUT" |
  while IFS=$'\t' read -r scenario metric ours unit meets; do
    printf '%-36s %-18s %14s  %-16s %s\n' "$scenario" "$metric" "$ours" "$unit" "$meets"
  done
echo "results: $OUT"
