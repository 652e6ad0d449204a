#pragma once
// The tables built into the binary from data/ (the field vocabulary, the provider registry): parsed
// once, on first use, and shared by every thread. A fault in one is a fault of this build, not of
// the user's input, so it ends the program with the message rather than failing some run.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "newsnorm/core/result.hpp"

namespace newsnorm {

// `fill(table, origin)` adds the embedded text to an empty table; `name` is its file under data/.
template <typename Table, typename Fill>
Table builtin_data(std::string_view name, Fill&& fill) {
  Table table;
  const std::string origin = "<built-in>/" + std::string(name);
  if (FatalStatus filled = fill(table, origin); !filled) {
    std::fprintf(stderr, "newsnorm: internal error: %s\n", filled.error().what().c_str());
    std::abort();
  }
  return table;
}

}  // namespace newsnorm
