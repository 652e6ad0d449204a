#pragma once
// Helpers shared by the text module's sources (mojibake, inline clean-up); not public API. The HTML
// toolkit they share with the page reader is html/markup.hpp.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace newsnorm::text_detail {

// ---- Mojibake ----

// A half-open range of bytes [begin, end).
struct ByteRange {
  std::size_t begin = 0, end = 0;
};

// repair_mojibake, leaving the bytes inside `kept` (sorted, disjoint: code in a body) as they are.
std::optional<std::string> repair_mojibake_outside(std::string_view text, std::span<const ByteRange> kept);

}  // namespace newsnorm::text_detail
