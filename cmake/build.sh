#!/usr/bin/env bash
# Installs what is missing, configures and builds into build/. All its talk goes to standard error,
# so `cmake/build.sh && build/newsnorm ingest data/seeds` prints nothing but JSON Lines on stdout.
set -euo pipefail
exec 1>&2
cd "$(dirname "$0")/.."
bash cmake/install-deps.sh
build_dir=${NEWSNORM_BUILD_DIR:-build}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE:-RelWithDebInfo} "$@" >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)"
