#pragma once
// A front-matter header parsed into a format-neutral JSON tree, with where each value came from.
// YAML, TOML and JSON headers all become this, so the model builder is written once.
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "newsnorm/article.hpp"
#include "newsnorm/diagnostic.hpp"
#include "newsnorm/limits.hpp"

namespace newsnorm {

struct HeaderTree {
  Json value;
  // JSON pointer ("/related/0/title") -> where its key (or list item) stands in the file.
  std::vector<std::pair<std::string, Position>> positions;
  // Doubts found while parsing (e.g. a repaired escape); they become the record's warnings.
  std::vector<Diagnostic> warnings;

  Position position(std::string_view pointer) const;
};

using HeaderResult = std::variant<HeaderTree, Diagnostic>;

// `first_line` is the file line on which `header` starts, so positions are the file's own.
HeaderResult parse_yaml_header(std::string_view header, int first_line, const Limits& limits);
HeaderResult parse_toml_header(std::string_view header, int first_line, const Limits& limits);
HeaderResult parse_json_header(std::string_view header, int first_line, const Limits& limits);

// Checks every header line against limits.max_line_length before a parser sees it.
std::variant<std::monostate, Diagnostic> check_header_limits(std::string_view header, int first_line,
                                                              const Limits& limits);

// Appends "/token" to a JSON pointer, escaping '~' and '/' as RFC 6901 says.
void append_pointer_token(std::string& pointer, std::string_view token);

}  // namespace newsnorm
