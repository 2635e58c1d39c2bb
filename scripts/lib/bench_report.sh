#!/usr/bin/env bash
# bench_report.sh <results.json> [BENCHMARKS.md [plot.png]]: prints the rows of a results file
# as a table; with a Markdown file, also replaces its section between "<!-- latest:begin -->"
# and "<!-- latest:end -->" with the same table in Markdown, headed by the file's name (and the
# plot, when given).
set -euo pipefail
RESULTS=$1
MARKDOWN=${2:-}
PLOT=${3:-}

# Numbers as they are in the file; null as "-".
ROWS='.[] | [.scenario, .metric, .unit,
  (.ours // "-" | tostring), (.baseline_name // "-"), (.baseline // "-" | tostring),
  (.ratio // "-" | tostring), (.target_ratio // "-" | tostring),
  (if .meets == null then "-" elif .meets then "yes" else "NO" end)]'

jq -r "$ROWS | @tsv" "$RESULTS" |
  awk -F'\t' 'BEGIN { printf "%-38s %-20s %12s %-14s %12s %7s %6s %5s\n", "scenario", "metric", "ours",
                        "unit", "baseline", "ratio", "target", "meets" }
              { printf "%-38s %-20s %12s %-14s %12s %7s %6s %5s\n", $1, $2, $4, $3, $6, $7, $8, $9 }'

[ -n "$MARKDOWN" ] || exit 0
TABLE=$(mktemp)
{
  echo "Results of \`$RESULTS\` (written by \`scripts/bench.sh\`; baseline and ours from the same run)."
  echo
  if [ -n "$PLOT" ]; then
    echo "![Latency percentiles against offered load]($PLOT)"
    echo
  fi
  echo "| scenario | metric | ours | unit | baseline | baseline value | ratio | target ratio | meets |"
  echo "|---|---|---|---|---|---|---|---|---|"
  jq -r "$ROWS | \"| \(.[0]) | \(.[1]) | \(.[3]) | \(.[2]) | \(.[4]) | \(.[5]) | \(.[6]) | \(.[7]) | \(.[8]) |\"" \
    "$RESULTS"
} > "$TABLE"
awk -v table="$TABLE" '
  /<!-- latest:begin -->/ { print; while ((getline line < table) > 0) print line; skip = 1; next }
  /<!-- latest:end -->/ { skip = 0 }
  !skip { print }' "$MARKDOWN" > "$MARKDOWN.tmp"
mv "$MARKDOWN.tmp" "$MARKDOWN"
rm -f "$TABLE"
