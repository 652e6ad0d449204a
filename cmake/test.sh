#!/usr/bin/env bash
# The whole test suite: builds (installing what is missing) and runs every test with CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash cmake/build.sh
ctest --test-dir build --output-on-failure --parallel "$(nproc)"
