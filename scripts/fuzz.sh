#!/usr/bin/env bash
# Fuzzes the wire codecs with clang's libFuzzer, each target for N seconds (default 20):
#   mqtt_codec_fuzz       the MQTT codec (tests/fuzz/mqtt_codec_fuzz.cpp)
#   websocket_frame_fuzz  WebSocket frame headers, unmasking, close codes and the UTF-8 check
#                         against a reference (tests/fuzz/websocket_frame_fuzz.cpp)
# Each is built with its sources and ASan+UBSan into build/fuzz/ (clang++ directly; the CMake
# build uses g++) and starts from its seed corpus in tests/fuzz/corpus/<name>/. New inputs go to
# build/fuzz/corpus-<target>/, crashing inputs to build/fuzz/<target>-crash-*; exits non-zero
# on a finding. Re-run one: build/fuzz/<target> build/fuzz/<target>-crash-<hash>
#
#   scripts/fuzz.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

seconds=${1:-20}
out=build/fuzz

# clang++ with libFuzzer's runtime (libclang-rt), and the Boost headers core/error.hpp needs.
dh_ensure_packages clang libclang-rt-14-dev libboost1.81-dev
mkdir -p "$out"

# fuzz <target> <seed corpus> <dictionary or -> <sources...>: builds the target when any of its
# sources, or a header beside one, is newer than it; then runs it for $seconds.
fuzz() {
  local target=$1 seeds=$2 dict=$3
  shift 3
  local sources=("$@") binary=$out/$target dirs headers=() options=()
  mapfile -t dirs < <(dirname "${sources[@]}" | sort -u)
  for dir in "${dirs[@]}"; do headers+=("$dir"/*.hpp); done
  if [ ! -x "$binary" ] ||
    [ -n "$(find "${sources[@]}" "${headers[@]}" -newer "$binary" 2>/dev/null)" ]; then
    dh_log "building $binary"
    clang++ -std=c++20 -g -O1 -fno-omit-frame-pointer \
      -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
      -Isrc "${sources[@]}" -o "$binary"
  fi
  [ "$dict" = - ] || options+=(-dict="$dict")
  mkdir -p "$out/corpus-$target"
  dh_log "fuzzing $target for ${seconds}s"
  "$binary" -max_total_time="$seconds" -max_len=4096 -timeout=10 -print_final_stats=1 \
    "${options[@]}" -artifact_prefix="$out/$target-" "$out/corpus-$target" "$seeds"
}

fuzz mqtt_codec_fuzz tests/fuzz/corpus/mqtt tests/fuzz/mqtt.dict \
  src/mqtt/codec/*.cpp src/core/error.cpp src/core/utf8.cpp tests/fuzz/mqtt_codec_fuzz.cpp
fuzz websocket_frame_fuzz tests/fuzz/corpus/websocket - \
  src/net/websocket/frame.cpp src/core/utf8.cpp tests/fuzz/websocket_frame_fuzz.cpp
