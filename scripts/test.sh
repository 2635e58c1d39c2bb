#!/usr/bin/env bash
# Installs what is missing, builds with -Werror under ASan+UBSan, and runs every test tier:
# unit, contract (storage backends), integration (the real binary over HTTP) and compat
# (DeviceHive's own npm clients against the real binary). Extra arguments go to ctest, e.g.
# `scripts/test.sh -L unit`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/common.sh

dh_ensure_packages "${DH_BUILD_PACKAGES[@]}" "${DH_TEST_PACKAGES[@]}"
dh_ensure_node

dh_log "building (ASan+UBSan, -Werror)"
cmake --preset test -DDH_BUILD_TESTS=ON >/dev/null
cmake --build --preset test

dh_log "installing the npm clients for the compatibility tests"
(cd tests/compat && npm ci --no-audit --no-fund --loglevel=error)

dh_log "running the tests"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir build/test --output-on-failure --timeout 900 -j2 "$@"

# A short fuzzing pass over the MQTT and WebSocket codecs (libFuzzer, clang); skipped when ctest
# arguments select a subset of the tests.
if [ $# -eq 0 ]; then
  dh_log "fuzzing the MQTT and WebSocket codecs for ${DH_FUZZ_SECONDS:-15} s each"
  scripts/fuzz.sh "${DH_FUZZ_SECONDS:-15}"
fi
