#include "newsnorm/parse/header_tree.hpp"

#include <fmt/format.h>

#include "newsnorm/parse/front_matter.hpp"

namespace newsnorm {

Position HeaderTree::position(std::string_view pointer) const {
  if (pointer.empty()) return {first_line_, 1};
  const auto find = [&]() -> Position {
    for (const auto& [path, where] : positions_)
      if (path == pointer) return where;
    return {};
  };
  // What the parse recorded (all of it, or only top-level keys) first; the locator only when needed.
  if (const Position known = find(); known.line > 0 || located_ || !locate_) return known;
  positions_ = locate_();
  located_ = true;
  return find();
}

void append_pointer_token(std::string& pointer, std::string_view token) {
  pointer.push_back('/');
  for (const char c : token) {
    if (c == '~')
      pointer += "~0";
    else if (c == '/')
      pointer += "~1";
    else
      pointer.push_back(c);
  }
}

std::string display_pointer(std::string_view pointer) {
  std::string out;
  std::size_t start = 1;
  while (start <= pointer.size()) {
    auto end = pointer.find('/', start);
    if (end == std::string_view::npos) end = pointer.size();
    std::string token(pointer.substr(start, end - start));
    for (std::size_t at; (at = token.find("~1")) != std::string::npos;) token.replace(at, 2, "/");
    for (std::size_t at; (at = token.find("~0")) != std::string::npos;) token.replace(at, 2, "~");
    const bool index = !token.empty() && token.find_first_not_of("0123456789") == std::string::npos;
    if (index)
      out += "[" + token + "]";
    else
      out += (out.empty() ? "" : ".") + token;
    start = end + 1;
  }
  return out;
}

HeaderResult parse_header(const FrontMatter& front, const Limits& limits) {
  switch (front.format) {
    case Format::toml: return parse_toml_header(front.header, front.header_line, limits);
    case Format::json: return parse_json_header(front.header, front.header_line, limits);
    default: return parse_yaml_header(front.header, front.header_line, limits);
  }
}

Diagnostic depth_limit_error(Position where, int max_depth) {
  return make_error(
      code::limit_depth, where,
      fmt::format("header nested deeper than {} levels (the depth limit); raise it with --max-depth", max_depth));
}

Diagnostic duplicate_key_warning(const DiagnosticCode& code, std::string_view key, int first_line, int again_line,
                                 DuplicateKeys policy, Position where) {
  const bool first = policy == DuplicateKeys::first;
  return make_warning(code, where,
                      fmt::format("duplicate key '{}' on lines {} and {}: the {} value was kept (--duplicate-keys {})",
                                  key, first_line, again_line, first ? "first" : "last", first ? "first" : "last"));
}

Status check_header_limits(std::string_view header, int first_line, const Limits& limits) {
  if (header.size() > limits.max_header_bytes)
    return make_error(code::limit_header_bytes, {first_line, 1},
                      fmt::format("front matter is {} bytes, over the {}-byte header limit; raise it with "
                                  "--max-header-bytes",
                                  header.size(), limits.max_header_bytes));
  int line = first_line;
  for (std::size_t start = 0; start < header.size(); ++line) {
    auto end = header.find('\n', start);
    if (end == std::string_view::npos) end = header.size();
    if (end - start > limits.max_line_length)
      return make_error(code::limit_line_length, {line, 1},
                        fmt::format("header line is {} bytes long, over the {}-byte line limit; "
                                    "raise it with --max-line-length",
                                    end - start, limits.max_line_length));
    start = end + 1;
  }
  return ok();
}

}  // namespace newsnorm
