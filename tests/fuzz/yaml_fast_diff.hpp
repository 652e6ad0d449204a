#pragma once
// The YAML fast path against yaml-cpp's path on the same header bytes. Shared by the libFuzzer
// target and the Catch2 differential test, so what the fuzzer checks is what CI checks.
#include <string>
#include <string_view>

#include "newsnorm/core/limits.hpp"

namespace newsnorm::test {

struct YamlFastDiff {
  bool taken = false;      // the fast path read the header (it did not say "not mine")
  std::string difference;  // "" when the two agree; else the first thing that differs
};

// Wherever the fast path reads the header, yaml-cpp's path must read it too and give the same
// value (dump(): kinds, key order and number types), the same warnings (code, severity, position,
// message) and the same position for every pointer in the tree.
YamlFastDiff compare_yaml_paths(std::string_view header, int first_line = 2, const Limits& limits = {});

}  // namespace newsnorm::test
