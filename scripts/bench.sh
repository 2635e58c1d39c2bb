#!/usr/bin/env bash
# Every benchmark, each next to its baseline in the same run (BENCHMARKS.md explains them):
# scripts/bench_rest.sh (start-up, REST), scripts/bench_ws.sh (WebSocket and plugin proxy) and
# scripts/bench_mqtt.sh (MQTT against Debian's mosquitto). Each installs what it needs, builds
# Release and writes bench/results/<date>-<part>.json; this script then merges them into
# bench/results/<date>.json, prints one table and rewrites the latest-results section of
# BENCHMARKS.md from that file (no figure is typed by hand); the WebSocket and MQTT parts' load
# sweeps become bench/results/<date>-sweep.json and the plot bench/results/<date>-latency.png.
# Environment: as the three scripts (DH_BENCH_DURATION, DH_BENCH_WARMUP, ...); DH_BENCH_PARTS
# picks parts ("rest ws mqtt" by default).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/common.sh

PARTS=${DH_BENCH_PARTS:-rest ws mqtt}
DATE=$(date -u +%Y-%m-%d)
dh_ensure_packages jq gnuplot-nox
for part in $PARTS; do
  dh_log "benchmark part: $part"
  "scripts/bench_$part.sh"
done

OUT=bench/results/$DATE.json
FILES=()
for part in $PARTS; do FILES+=("bench/results/$DATE-$part.json"); done
jq -s 'add' "${FILES[@]}" > "$OUT"
# The latency plot, from the sweeps of the parts that ran.
SWEEPS=()
PLOT=
for part in $PARTS; do
  [ -f "bench/results/$DATE-$part-sweep.json" ] && SWEEPS+=("bench/results/$DATE-$part-sweep.json")
done
if [ ${#SWEEPS[@]} -gt 0 ]; then
  jq -s 'add' "${SWEEPS[@]}" > "bench/results/$DATE-sweep.json"
  scripts/lib/bench_plot.sh "bench/results/$DATE-sweep.json" "bench/results/$DATE-latency.png"
  PLOT=bench/results/$DATE-latency.png
  echo "plot: $PLOT"
fi
scripts/lib/bench_report.sh "$OUT" BENCHMARKS.md "${PLOT:-}"
# One line of history (the last section of BENCHMARKS.md): the headline figures of this run.
jq -r --arg date "$DATE" --arg commit "$(git rev-parse --short HEAD)" '
  def v(s; m; f): (map(select(.scenario == s and .metric == m)) | first | .[f]) // "-";
  "| \($date) | \($commit) | \(v("ws_saturation_2cores"; "delivered_per_s"; "ours")) | \(
    v("ws_rate_10000_2cores"; "latency_p99"; "ours")) ms | \(
    v("mqtt_qos1_saturation"; "delivered_per_s"; "ratio"))x | \(
    v("mqtt_idle_10000"; "rss_per_connection"; "ratio"))x | \(
    v("rest_device_get_2cores"; "requests_per_s"; "ratio")) | \(
    v("rest_notification_insert_1core"; "requests_per_s"; "ratio")) | \(
    v("mqtt_dh_to_ws_saturation"; "delivered_per_s"; "ours")) |"' "$OUT" >> BENCHMARKS.md
echo "results: $OUT; BENCHMARKS.md updated"
