#!/usr/bin/env bash
# The whole test suite: builds (installing what is missing) and runs every test with CTest, then
# builds again with AddressSanitizer and UndefinedBehaviorSanitizer and runs every test again.
# NEWSNORM_SKIP_SANITIZE=1 skips the second pass (for a quick local loop).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
# What the source tree looked like before the tests, to see what they leave (see the end).
in_git=0
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  in_git=1
  before=$(git status --porcelain --untracked-files=all)
fi

bash cmake/build.sh

# The tree follows .clang-format; a file that does not fails the run, naming what to change.
if [[ $in_git == 1 ]]; then
  mapfile -t sources < <(git ls-files '*.cpp' '*.hpp' | grep -v '^tests/fixtures/')
  clang-format --dry-run --Werror "${sources[@]}"
fi

ctest --test-dir build --output-on-failure --parallel "$jobs"

if [[ ${NEWSNORM_SKIP_SANITIZE:-0} != 1 ]]; then
  # Any report is a failure: ASan aborts by default, UBSan is built without recovery.
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  NEWSNORM_BUILD_DIR=build-sanitize bash cmake/build.sh -DNEWSNORM_SANITIZE=ON
  ctest --test-dir build-sanitize --output-on-failure --parallel "$jobs"
fi

# No test may write into the source tree (each works in a temporary folder): in a clean checkout (CI)
# `git status --porcelain` must still be empty; with local edits, it must be as it was before the
# run. Only inside a git checkout; ignored files (build*/) do not count.
if [[ $in_git == 1 ]]; then
  after=$(git status --porcelain --untracked-files=all)
  if [[ $after != "$before" ]]; then
    echo "test.sh: the test run left files in the source tree (tests must write only to temporary folders):" >&2
    diff <(echo "$before") <(echo "$after") | sed -n 's/^> /  /p' >&2
    exit 1
  fi
fi
