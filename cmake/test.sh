#!/usr/bin/env bash
# The whole test suite: builds (installing what is missing) and runs every test with CTest, then
# builds again with AddressSanitizer and UndefinedBehaviorSanitizer and runs every test again.
# NEWSNORM_SKIP_SANITIZE=1 skips the second pass (for a quick local loop).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

bash cmake/build.sh
ctest --test-dir build --output-on-failure --parallel "$jobs"

if [[ ${NEWSNORM_SKIP_SANITIZE:-0} != 1 ]]; then
  # Any report is a failure: ASan aborts by default, UBSan is built without recovery.
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  NEWSNORM_BUILD_DIR=build-sanitize bash cmake/build.sh -DNEWSNORM_SANITIZE=ON
  ctest --test-dir build-sanitize --output-on-failure --parallel "$jobs"
fi
