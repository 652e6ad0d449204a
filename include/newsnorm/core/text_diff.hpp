#pragma once
// Edits of a text by byte ranges, and the unified diff they make: what `newsnorm fix` writes and
// shows. Nothing here knows about headers or articles.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace newsnorm {

// One replacement in a text's bytes: [begin, end) becomes `text`.
struct ByteEdit {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string text;
};

// The text with the edits (in order, not overlapping) applied.
std::string apply_edits(std::string_view bytes, const std::vector<ByteEdit>& edits);

// `diff -u` of a text and its edited bytes, with `label` after "a/" and "b/" and three lines of
// context: what `patch -p1` applies. Empty when there are no edits.
std::string unified_diff(std::string_view before, const std::vector<ByteEdit>& edits, const std::string& label);

}  // namespace newsnorm
