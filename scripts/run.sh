#!/usr/bin/env bash
# Installs what is missing (Debian packages), builds the Release binary, and starts devicehive on
# embedded defaults: HTTP on 8080, SQLite under ./data. Arguments and the environment are passed
# to the server; `scripts/run.sh --help` lists every option.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/common.sh

dh_ensure_packages "${DH_BUILD_PACKAGES[@]}"
dh_log "building (Release)"
cmake --preset release -DDH_BUILD_TESTS=OFF -DDH_BUILD_BENCH=OFF >/dev/null
cmake --build --preset release --target devicehive
exec build/release/src/app/devicehive "$@"
