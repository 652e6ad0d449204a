#include "newsnorm/parse/header_tree.hpp"

#include <fmt/format.h>

namespace newsnorm {

Position HeaderTree::position(std::string_view pointer) const {
  if (!located_ && locate) positions = locate();
  located_ = true;
  for (const auto& [path, where] : positions)
    if (path == pointer) return where;
  return {};
}

void append_pointer_token(std::string& pointer, std::string_view token) {
  pointer.push_back('/');
  for (const char c : token) {
    if (c == '~') pointer += "~0";
    else if (c == '/') pointer += "~1";
    else pointer.push_back(c);
  }
}

std::variant<std::monostate, Diagnostic> check_header_limits(std::string_view header, int first_line,
                                                              const Limits& limits) {
  if (header.size() > limits.max_header_bytes)
    return make_error({first_line, 1},
                      fmt::format("front matter is {} bytes, over the {}-byte header limit; raise it with "
                                  "--max-header-bytes",
                                  header.size(), limits.max_header_bytes));
  int line = first_line;
  for (std::size_t start = 0; start < header.size(); ++line) {
    auto end = header.find('\n', start);
    if (end == std::string_view::npos) end = header.size();
    if (end - start > limits.max_line_length)
      return make_error({line, 1}, fmt::format("header line is {} bytes long, over the {}-byte line limit; "
                                               "raise it with --max-line-length",
                                               end - start, limits.max_line_length));
    start = end + 1;
  }
  return std::monostate{};
}

}  // namespace newsnorm
