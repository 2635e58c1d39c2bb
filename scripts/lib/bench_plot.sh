#!/usr/bin/env bash
# bench_plot.sh <sweep.json> <out.png>: plots latency percentiles (p50, p99, p999) against
# offered load from a sweep file (a list of {series, offered_per_s, delivered_per_s, p50, p99,
# p999, tool_cpu_pct} as scripts/bench_ws.sh and scripts/bench_mqtt.sh write them), with
# gnuplot: one panel for the WebSocket client series (WebSocket and MQTT devices), one for MQTT
# pub/sub (ours and mosquitto). Both axes are logarithmic; a series' latency rising steeply
# marks its saturation. Points where the load tool used 90% of its core or more are ringed:
# there the tool, not only the server, may be what the latency shows.
set -euo pipefail
SWEEP=$1
OUT=$2
DATA=$(mktemp -d)
trap 'rm -rf "$DATA"' EXIT

# One data file per series: offered p50 p99 p999, by offered load.
mapfile -t SERIES < <(jq -r 'map(.series) | unique | .[]' "$SWEEP")
for i in "${!SERIES[@]}"; do
  jq -r --arg s "${SERIES[$i]}" \
    'map(select(.series == $s)) | sort_by(.offered_per_s) | .[] |
     [.offered_per_s, .p50, .p99, .p999, (if (.tool_cpu_pct // 0) >= 90 then 1 else 0 end)]
     | @tsv' "$SWEEP" > "$DATA/$i.tsv"
done

# plot_panel <title> <series name pattern>: the gnuplot "plot" command for the matching series.
plot_panel() {
  local command="" i color=0
  for i in "${!SERIES[@]}"; do
    [[ "${SERIES[$i]}" == $1 ]] || continue
    color=$((color + 1))
    command+="${command:+, }'$DATA/$i.tsv' using 1:2 with linespoints lc $color dt 3 pt 7 ps 0.6 title '${SERIES[$i]}, p50'"
    command+=", '$DATA/$i.tsv' using 1:3 with linespoints lc $color dt 1 pt 7 ps 0.6 title '${SERIES[$i]}, p99'"
    command+=", '$DATA/$i.tsv' using 1:4 with linespoints lc $color dt 2 pt 7 ps 0.6 title '${SERIES[$i]}, p999'"
  done
  [ -n "$command" ] || command="NaN notitle"
  for i in "${!SERIES[@]}"; do
    [[ "${SERIES[$i]}" == $1 ]] || continue
    command+=", '$DATA/$i.tsv' using 1:(\$5 > 0 ? \$3 : 1/0) with points lc black pt 6 ps 2 notitle"
  done
  command+=", NaN with points lc black pt 6 ps 2 title 'tool at >= 90% CPU'"
  echo "plot $command"
}

gnuplot <<GNUPLOT
set terminal pngcairo size 1600,700 font ",10"
set output "$OUT"
set multiplot layout 1,2 title "Latency vs offered load ($(basename "$SWEEP"))"
set logscale xy
set autoscale xfix
set grid
set xlabel "offered load (messages/s, open loop)"
set ylabel "latency, send to arrival (ms)"
set key top left font ",8"
set format x "%.0s%c"
set title "Devices to WebSocket clients (server on one core)"
$(plot_panel "*WebSocket client*")
set title "MQTT QoS 1 pub/sub, 50 pairs (broker on one core)"
$(plot_panel "MQTT QoS 1*")
unset multiplot
GNUPLOT
