#!/usr/bin/env bash
# Page-reader throughput: MB of HTML per second on one core, over the shared extraction pages.
#   tests/bench/extract_speed.sh [BUILD_DIR] [ROUNDS]
# Builds newsnorm_extract_pages if needed, pins it to one CPU, reads every page ROUNDS times in
# memory (files are read once, before timing) and prints the rate of each of 3 runs.
set -euo pipefail
build=${1:-build}
rounds=${2:-5}
pages=${NEWSNORM_PAGES_DIR:-$(cd "$(dirname "$0")/../.." && pwd)/../shared/extraction/html}
nice ninja -C "$build" newsnorm_extract_pages >&2
for run in 1 2 3; do
  taskset -c 0 "$build/tests/newsnorm_extract_pages" --time --repeat "$rounds" "$pages"/*.html 2>&1 >/dev/null
done
