// libFuzzer target: the YAML fast path against yaml-cpp's path on the same header bytes; aborts
// wherever the fast path reads a header and the two differ (tests/fuzz/yaml_fast_diff.hpp).
// Build: cmake -DNEWSNORM_FUZZ=ON with clang (see README); run:
//   build-fuzz/tests/fuzz/newsnorm_fuzz_yaml_fast -max_len=4096 -dict=tests/fuzz/yaml_fast.dict corpus-dir
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "yaml_fast_diff.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view header(reinterpret_cast<const char*>(data), size);
  // One input in four with --max-depth 3, so the depth limit's edge is fuzzed too.
  newsnorm::Limits limits;
  if (size % 4 == 3) limits.max_depth = 3;
  const newsnorm::test::YamlFastDiff diff = newsnorm::test::compare_yaml_paths(header, 2, limits);
  if (!diff.difference.empty()) {
    std::fprintf(stderr, "fast path and yaml-cpp differ: %s\n", diff.difference.c_str());
    std::abort();
  }
  return 0;
}
