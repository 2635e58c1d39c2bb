#!/usr/bin/env bash
# Benchmarks of the MQTT broker against Debian's mosquitto with bench/mqtt_load (dh_mqtt_load),
# loopback only, both brokers in the same run on the same machine:
#   - throughput: 50 publisher/subscriber pairs (pair i on topic bench/<i>), at QoS 0 and QoS 1,
#     open loop at 10,000 msg/s and closed loop at saturation (a bounded window per pair).
#     Delivered msg/s and publish-to-delivery latency, tool and broker CPU.
#   - idle: 10,000 and 50,000 connected clients (keep-alive 600); broker RSS per connection. A
#     count the open-files hard limit cannot hold (the broker and the tool each need one
#     descriptor per client) is skipped with a warning and has no rows.
#   - the platform path (ours only; bench/ws_load with --device-transport mqtt): 50 MQTT devices
#     publish QoS 1 notifications to dh/notification/... topics, 50 WebSocket clients subscribed
#     to those devices receive them; at 10,000/s and at saturation. Its baseline is mosquitto's
#     plain QoS 1 pub/sub of the same run: what the platform costs over a bare broker.
#   - sweep: QoS 1 latency percentiles at offered loads from 10,000 msg/s past saturation, both
#     brokers, and the platform path (bench/results/<date>-mqtt-sweep.json, for the plot).
# Server CPU per delivered message (us) is a row of every throughput scenario. Throughput
# scenarios run DH_BENCH_REPEAT times (3), each on a fresh broker, and every figure is the median
# of its runs: single runs of the two brokers differ by more than the margins compared here.
# Each broker runs on cpu 0 (ours with --threads 1; mosquitto is single-threaded), the tool on
# cpu 1, and every scenario gets a fresh broker.
# mosquitto runs with Debian's defaults but for the settings below; among them set_tcp_nodelay
# is false, so Nagle's algorithm holds its small QoS 0 writes back (p99 of several ms at
# 10,000 msg/s, more throughput at saturation); DH_BENCH_MOSQUITTO_NODELAY=1 turns it off.
# Targets (issue): ours >= mosquitto's delivered/s, p99 <= mosquitto's, RSS per idle connection
# <= 2x mosquitto's. Writes bench/results/<date>-mqtt.json (rows as in bench_ws.sh, with
# baseline_name "mosquitto") and prints a table.
# Environment: DH_BENCH_DURATION, DH_BENCH_WARMUP (seconds), DH_BENCH_REPEAT,
# DH_BENCH_IDLE_CONNECTIONS (a list of counts),
# DH_BENCH_SWEEP_DURATION (seconds per sweep point), DH_BENCH_MQTT_PAIRS,
# DH_BENCH_MQTT_RATE (msg/s), DH_BENCH_MQTT_WINDOW (in flight per pair at saturation),
# DH_BENCH_MQTT_PAYLOAD (bytes), DH_BENCH_MOSQUITTO_NODELAY (0 or 1),
# DH_BENCH_BUILD_DIR (default build/release).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/common.sh

DURATION=${DH_BENCH_DURATION:-10}
WARMUP=${DH_BENCH_WARMUP:-2}
IDLE_CONNECTIONS=${DH_BENCH_IDLE_CONNECTIONS:-10000 50000}
REPEAT=${DH_BENCH_REPEAT:-3}
PAIRS=${DH_BENCH_MQTT_PAIRS:-50}
RATE=${DH_BENCH_MQTT_RATE:-10000}
WINDOW=${DH_BENCH_MQTT_WINDOW:-32}
PAYLOAD=${DH_BENCH_MQTT_PAYLOAD:-64}
MOSQUITTO_NODELAY=${DH_BENCH_MOSQUITTO_NODELAY:-0}
SWEEP_DURATION=${DH_BENCH_SWEEP_DURATION:-5}
SWEEP_RATES=(10000 25000 50000 100000 200000 400000)
PLATFORM_SWEEP_RATES=(10000 20000 40000 60000 80000 100000)
BUILD_DIR=${DH_BENCH_BUILD_DIR:-build/release}
SERVER_CPU=0
TOOL_CPU=1

dh_ensure_packages "${DH_BUILD_PACKAGES[@]}" util-linux jq mosquitto
MOSQUITTO=$(command -v mosquitto || echo /usr/sbin/mosquitto)
dh_log "building (Release) in $BUILD_DIR"
cmake --preset release -B "$BUILD_DIR" -DDH_BUILD_TESTS=OFF -DDH_BUILD_BENCH=ON >/dev/null
cmake --build "$BUILD_DIR" --target devicehive dh_mqtt_load dh_ws_load >/dev/null
BIN=$BUILD_DIR/src/app/devicehive
LOAD=$BUILD_DIR/bench/dh_mqtt_load
WS_LOAD=$BUILD_DIR/bench/dh_ws_load

# Both the brokers and the tool hold one descriptor per connection.
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
chmod 755 "$WORK"  # mosquitto reads its configuration, and may drop root first
SERVER_PID=
PORT=       # the broker's MQTT port
HTTP_PORT=  # ours: the HTTP/WebSocket port
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null; fi
  rm -rf "$WORK"
}
trap cleanup EXIT


start_ours() {  # a fresh server (empty data directory), one I/O thread
  rm -rf "$WORK/data" "$WORK/port.json"
  JWT_SECRET=bench-secret taskset -c "$SERVER_CPU" "$BIN" --http-address 127.0.0.1 \
    --http-port 0 --mqtt-port 0 --port-file "$WORK/port.json" --data-dir "$WORK/data" \
    --log-level warn --threads 1 &
  SERVER_PID=$!
  local waited=0
  while [ ! -s "$WORK/port.json" ]; do
    sleep 0.01
    waited=$((waited + 1))
    [ "$waited" -lt 1000 ] || { echo "the server did not start within 10 s" >&2; exit 1; }
  done
  PORT=$(jq .mqtt "$WORK/port.json")
  HTTP_PORT=$(jq .http "$WORK/port.json")
}

start_mosquitto() {  # a fresh mosquitto on a free port (it cannot pick one itself)
  local attempt waited
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    PORT=$((20000 + RANDOM % 30000))
    dh_port_open "$PORT" && continue
    cat > "$WORK/mosquitto.conf" <<EOF
listener $PORT 127.0.0.1
allow_anonymous true
max_queued_messages 10000
persistence false
log_dest stderr
log_type error
log_type warning
EOF
    if [ "$MOSQUITTO_NODELAY" = 1 ]; then echo "set_tcp_nodelay true" >> "$WORK/mosquitto.conf"; fi
    taskset -c "$SERVER_CPU" "$MOSQUITTO" -c "$WORK/mosquitto.conf" &
    SERVER_PID=$!
    waited=0
    while kill -0 "$SERVER_PID" 2>/dev/null && ! dh_port_open "$PORT" && [ "$waited" -lt 500 ]; do
      sleep 0.01
      waited=$((waited + 1))
    done
    dh_port_open "$PORT" && return 0
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
  done
  echo "mosquitto did not start (attempt $attempt)" >&2
  exit 1
}

stop_server() {
  kill "$SERVER_PID"
  wait "$SERVER_PID" || true
  SERVER_PID=
}

declare -A RESULT  # RESULT[<broker>/<scenario>/<metric>] = value

# The tools, against the broker just started.
mqtt_load() { taskset -c "$TOOL_CPU" "$LOAD" --port "$PORT" --server-pid "$SERVER_PID" "$@"; }
mqtt_devices_to_ws() {  # [dh_ws_load throughput options]; ours only
  taskset -c "$TOOL_CPU" "$WS_LOAD" --port "$HTTP_PORT" --server-pid "$SERVER_PID" throughput \
    --device-transport mqtt --mqtt-port "$PORT" --devices "$PAIRS" --subscribers "$PAIRS" "$@"
}

# measure <broker: ours|mosquitto> <scenario> <tool function> [its options]: RUNS runs (1 unless
# set), each on a fresh broker; each figure, the median of the runs, goes to
# RESULT[<broker>/<scenario>/<metric>].
measure() {
  local broker=$1 scenario=$2 runs=${RUNS:-1} i
  shift 2
  for ((i = 1; i <= runs; i++)); do
    "start_$broker"
    dh_log "$broker: $scenario ($i/$runs): $*"
    "$@" | tee -a "$WORK/runs.jsonl" > "$WORK/run-$i.json"
    stop_server
    if [ "$(jq -r .mode "$WORK/run-$i.json")" != idle ]; then
      jq -c '{offered_per_s,delivered_per_s,p50:.latency_ms.p50,p99:.latency_ms.p99,
              p999:.latency_ms.p999,tool_lag_p99:.send_lag_ms.p99,errors,tool_cpu_pct,
              server_cpu_pct}' "$WORK/run-$i.json" >&2
    fi
  done
  local json=$WORK/run.json
  if [ "$(jq -r .mode "$WORK/run-1.json")" = idle ]; then
    cp "$WORK/run-1.json" "$json"
    jq -c . "$json" >&2
    RESULT[$broker/$scenario/connections_open]=$(jq .connections_open "$json")
    RESULT[$broker/$scenario/rss_per_connection]=$(jq .rss_per_connection_kib "$json")
    return
  fi
  local files=()
  for ((i = 1; i <= runs; i++)); do files+=("$WORK/run-$i.json"); done
  jq -s 'map(. + {server_cpu_per_msg: (if .delivered_per_s > 0 and .server_cpu_pct != null
           then .server_cpu_pct / 100 / .delivered_per_s * 1e6 else null end)})' "${files[@]}" \
    | jq -f scripts/lib/bench_median.jq > "$json"
  [ "$runs" = 1 ] || jq -c '{median_of: '"$runs"', delivered_per_s, latency_ms, errors}' "$json" >&2
  RESULT[$broker/$scenario/offered_per_s]=$(jq .offered_per_s "$json")
  RESULT[$broker/$scenario/delivered_per_s]=$(jq .delivered_per_s "$json")
  RESULT[$broker/$scenario/latency_p50]=$(jq .latency_ms.p50 "$json")
  RESULT[$broker/$scenario/latency_p99]=$(jq .latency_ms.p99 "$json")
  RESULT[$broker/$scenario/latency_p999]=$(jq .latency_ms.p999 "$json")
  RESULT[$broker/$scenario/errors]=$(jq '.errors | add' "$json")
  RESULT[$broker/$scenario/tool_cpu]=$(jq .tool_cpu_pct "$json")
  RESULT[$broker/$scenario/server_cpu]=$(jq .server_cpu_pct "$json")
  RESULT[$broker/$scenario/server_cpu_per_msg]=$(jq .server_cpu_per_msg "$json")
}

# run <broker> <scenario> [dh_mqtt_load options]
run() {
  local broker=$1 scenario=$2
  shift 2
  measure "$broker" "$scenario" mqtt_load "$@"
}

THROUGHPUT_SCENARIOS=()
for broker in ours mosquitto; do
  for qos in 0 1; do
    common=(throughput --pairs "$PAIRS" --qos "$qos" --payload-size "$PAYLOAD"
      --warmup "$WARMUP" --duration "$DURATION")
    RUNS=$REPEAT run "$broker" "mqtt_qos${qos}_rate_$RATE" "${common[@]}" --rate "$RATE"
    RUNS=$REPEAT run "$broker" "mqtt_qos${qos}_saturation" "${common[@]}" --rate 0 \
      --window "$WINDOW"
  done
  for count in "${IDLE_COUNTS[@]}"; do
    run "$broker" "mqtt_idle_$count" idle --connections "$count"
  done
done
for qos in 0 1; do
  THROUGHPUT_SCENARIOS+=("mqtt_qos${qos}_rate_$RATE" "mqtt_qos${qos}_saturation")
done

# The platform path; its baseline is mosquitto's QoS 1 pub/sub at the same offered load.
common=(--warmup "$WARMUP" --duration "$DURATION")
RUNS=$REPEAT measure ours "mqtt_dh_to_ws_rate_$RATE" mqtt_devices_to_ws "${common[@]}" \
  --rate "$RATE"
RUNS=$REPEAT measure ours mqtt_dh_to_ws_saturation mqtt_devices_to_ws "${common[@]}" --rate 0 \
  --window "$WINDOW"
for metric in delivered_per_s latency_p50 latency_p99 latency_p999 server_cpu_per_msg; do
  for shape in "rate_$RATE" saturation; do
    RESULT[mosquitto/mqtt_dh_to_ws_$shape/$metric]=${RESULT[mosquitto/mqtt_qos1_$shape/$metric]}
  done
done

# The sweep: one series per broker (and the platform path), a fresh broker per point.
SWEEP=()
sweep_point() {  # sweep_point <series> <broker> <scenario>
  SWEEP+=("$(jq -nc --arg series "$1" --argjson offered "${RESULT[$2/$3/offered_per_s]}" \
    --argjson delivered "${RESULT[$2/$3/delivered_per_s]}" \
    --argjson p50 "${RESULT[$2/$3/latency_p50]}" --argjson p99 "${RESULT[$2/$3/latency_p99]}" \
    --argjson p999 "${RESULT[$2/$3/latency_p999]}" --argjson tool "${RESULT[$2/$3/tool_cpu]}" \
    '{series:$series,offered_per_s:$offered,delivered_per_s:$delivered,p50:$p50,p99:$p99,
      p999:$p999,tool_cpu_pct:$tool}')")
}
sweep_common=(--warmup 1 --duration "$SWEEP_DURATION")
for broker in ours mosquitto; do
  for rate in "${SWEEP_RATES[@]}"; do
    run "$broker" "sweep_$rate" throughput --pairs "$PAIRS" --qos 1 --payload-size "$PAYLOAD" \
      "${sweep_common[@]}" --rate "$rate"
    sweep_point "MQTT QoS 1, $broker" "$broker" "sweep_$rate"
  done
done
for rate in "${PLATFORM_SWEEP_RATES[@]}"; do
  measure ours "platform_sweep_$rate" mqtt_devices_to_ws "${sweep_common[@]}" --rate "$rate"
  sweep_point "MQTT device to WebSocket client, ours" ours "platform_sweep_$rate"
done

ROWS=()
# row <scenario> <metric> <unit> <target_ratio|null> <meets: a jq test of $o (ours), $b
# (mosquitto) and $r (ours / mosquitto), or null for no target> [baseline name]
row() {
  local scenario=$1 metric=$2 unit=$3 target=$4 test=$5 name=${6:-mosquitto} meets=null
  local ours=${RESULT[ours/$scenario/$metric]:-null}
  local base=${RESULT[mosquitto/$scenario/$metric]:-null}
  [ "$test" = null ] || meets="(if \$o == null then false else ($test) end)"
  ROWS+=("$(jq -nc --arg s "$scenario" --arg m "$metric" --arg u "$unit" --argjson o "$ours" \
    --argjson b "$base" --argjson t "$target" --arg n "$name" "
      (if \$o == null or \$b == null or \$b == 0 then null
       else (\$o / \$b * 1000 | round) / 1000 end) as \$r
      | {scenario: \$s, metric: \$m, unit: \$u, ours: \$o, baseline_name: \$n,
         baseline: \$b, ratio: \$r, target_ratio: \$t, meets: $meets}")")
}

# The tests are jq expressions, not shell ones.
# shellcheck disable=SC2016
for scenario in "${THROUGHPUT_SCENARIOS[@]}"; do
  row "$scenario" delivered_per_s "msg/s" 1.0 '$r != null and $r >= 1'
  row "$scenario" latency_p50 ms null null
  row "$scenario" latency_p99 ms 1.0 '$b != null and $o <= $b'
  row "$scenario" latency_p999 ms null null
  row "$scenario" errors count null '$o == 0'
  row "$scenario" tool_cpu "% of a core" null null
  row "$scenario" server_cpu "% of a core" null null
  row "$scenario" server_cpu_per_msg "us/msg" null null
done
BARE="mosquitto QoS 1 pub/sub"
for scenario in "mqtt_dh_to_ws_rate_$RATE" mqtt_dh_to_ws_saturation; do
  row "$scenario" delivered_per_s "msg/s" null null "$BARE"
  row "$scenario" latency_p50 ms null null "$BARE"
  row "$scenario" latency_p99 ms null null "$BARE"
  row "$scenario" latency_p999 ms null null "$BARE"
  row "$scenario" errors count null '$o == 0' "$BARE"
  row "$scenario" server_cpu_per_msg "us/msg" null null "$BARE"
done
for count in "${IDLE_COUNTS[@]}"; do
  row "mqtt_idle_$count" connections_open count null "\$o == $count"
  # shellcheck disable=SC2016
  row "mqtt_idle_$count" rss_per_connection KiB 2.0 '$b != null and $o <= 2 * $b'
done

OUT="bench/results/$(date -u +%Y-%m-%d)-mqtt.json"
printf '%s\n' "${SWEEP[@]}" | jq -s . > "bench/results/$(date -u +%Y-%m-%d)-mqtt-sweep.json"
{
  echo "["
  for i in "${!ROWS[@]}"; do
    sep=","
    [ "$i" -eq $((${#ROWS[@]} - 1)) ] && sep=""
    echo "  ${ROWS[$i]}$sep"
  done
  echo "]"
} > "$OUT"

printf '\n%-28s %-18s %12s %12s  %-12s %7s %6s  %s\n' \
  scenario metric ours mosquitto unit ratio target meets
jq -r '.[] | [.scenario, .metric, (.ours | tostring), (.baseline | tostring), .unit,
              (.ratio | tostring), (.target_ratio | tostring), (.meets | tostring)] | @tsv' "$OUT" |
  while IFS=$'\t' read -r scenario metric ours base unit ratio target meets; do
    printf '%-28s %-18s %12s %12s  %-12s %7s %6s  %s\n' \
      "$scenario" "$metric" "$ours" "$base" "$unit" "$ratio" "$target" "$meets"
  done
echo "results: $OUT"
