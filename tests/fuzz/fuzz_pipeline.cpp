// libFuzzer target: any bytes through parse -> normalize -> export, with the invariants checked.
// Build: cmake -DNEWSNORM_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ (see README); run:
//   build-fuzz/tests/fuzz/newsnorm_fuzz_pipeline -max_len=16384 -dict=tests/fuzz/front_matter.dict corpus-dir
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "pipeline_invariants.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // Half the inputs as .md, half as .yaml, so whole-file YAML is fuzzed too.
  const char* path = size % 2 ? "fuzz.yaml" : "fuzz.md";
  const std::string broken = newsnorm::test::check_pipeline_invariants(bytes, path);
  if (!broken.empty()) {
    std::fprintf(stderr, "invariant broken: %s\n", broken.c_str());
    std::abort();
  }
  return 0;
}
