#!/usr/bin/env bash
# The layering check (cmake/check_layering.py) passes on the tree as it is, and fails, naming the file
# and line, on each kind of leak planted in a copy: a stage that includes a stage above it, a public
# header that includes a stage its target only links privately, a relative include of another
# stage's private header, and a folder that is no stage.
set -euo pipefail
graph=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
check() { python3 "$source_dir/cmake/check_layering.py" "$graph" "$1"; }

check "$source_dir"
fresh_copy() {
  rm -rf "$work/tree" && mkdir -p "$work/tree"
  cp -r "$source_dir/src" "$source_dir/include" "$source_dir/tests" "$work/tree/"
}
expect_failure() {  # what was planted, the text the message must hold
  if out=$(check "$work/tree" 2>&1); then
    echo "layering_check: $1 was not caught" >&2
    exit 1
  fi
  grep -qF -- "$2" <<<"$out" || { echo "layering_check: $1: message lacks '$2':" >&2; echo "$out" >&2; exit 1; }
}

fresh_copy
echo '#include "newsnorm/run/batch.hpp"' >>"$work/tree/src/model/identity.cpp"
expect_failure "model including run" "src/model/identity.cpp:"

fresh_copy
echo '#include "newsnorm/read/input_files.hpp"' >>"$work/tree/include/newsnorm/model/article.hpp"
expect_failure "a public header using a private stage" "include/newsnorm/model/article.hpp:"

fresh_copy
echo '#include "../html/detail/page_tree.hpp"' >>"$work/tree/src/normalize/normalizer.cpp"
expect_failure "another stage's private header" "through '..'"

fresh_copy
mkdir -p "$work/tree/src/helpers" && echo '' >"$work/tree/src/helpers/x.cpp"
expect_failure "a folder outside the stages" "src/helpers/"

fresh_copy
echo '#include "../src/html/detail/page_tree.hpp"' >>"$work/tree/tests/units_test.cpp"
expect_failure "a test using a private header" "a test includes the private header"
echo "layering_check: the tree passes; 5 planted leaks are each caught"
