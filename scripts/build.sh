#!/usr/bin/env bash
# Configures and builds everything into ./build (or $CAREHUB_BUILD_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${CAREHUB_BUILD_DIR:-build}"
jobs="${CAREHUB_JOBS:-$(nproc)}"
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE="${CAREHUB_BUILD_TYPE:-RelWithDebInfo}" "$@" >/dev/null
cmake --build "$build_dir" -j "$jobs"
