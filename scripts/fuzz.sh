#!/usr/bin/env bash
# Fuzzes the MQTT codec with clang's libFuzzer: builds tests/fuzz/mqtt_codec_fuzz.cpp with the
# codec's sources and ASan+UBSan into build/fuzz/ (clang++ directly; the CMake build uses g++),
# then runs it for N seconds (default 20) from the seed corpus tests/fuzz/corpus/mqtt/. New
# inputs go to build/fuzz/corpus/, crashing inputs to build/fuzz/crash-*; exits non-zero on a
# finding. Re-run one: build/fuzz/mqtt_codec_fuzz build/fuzz/crash-<hash>
#
#   scripts/fuzz.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

seconds=${1:-20}
out=build/fuzz
binary=$out/mqtt_codec_fuzz
sources=(src/mqtt/codec/*.cpp src/core/error.cpp src/core/utf8.cpp tests/fuzz/mqtt_codec_fuzz.cpp)

# clang++ with libFuzzer's runtime (libclang-rt), and the Boost headers core/error.hpp needs.
dh_ensure_packages clang libclang-rt-14-dev libboost1.81-dev

mkdir -p "$out/corpus"
headers=(src/mqtt/codec/*.hpp src/core/error.hpp src/core/utf8.hpp)
if [ ! -x "$binary" ] || [ -n "$(find "${sources[@]}" "${headers[@]}" -newer "$binary" 2>/dev/null)" ]; then
  dh_log "building $binary"
  clang++ -std=c++20 -g -O1 -fno-omit-frame-pointer \
    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -Isrc "${sources[@]}" -o "$binary"
fi

dh_log "fuzzing the MQTT codec for ${seconds}s"
"$binary" -max_total_time="$seconds" -max_len=4096 -timeout=10 -print_final_stats=1 \
  -dict=tests/fuzz/mqtt.dict -artifact_prefix="$out/" "$out/corpus" tests/fuzz/corpus/mqtt
