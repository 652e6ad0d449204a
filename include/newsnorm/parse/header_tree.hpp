#pragma once
// A front-matter header parsed into a format-neutral JSON tree, with where each value came from.
// YAML, TOML and JSON headers all become this, so the model builder is written once.
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "newsnorm/core/json.hpp"
#include "newsnorm/core/diagnostic.hpp"
#include "newsnorm/core/limits.hpp"

namespace newsnorm {

struct HeaderTree {
  using Positions = std::vector<std::pair<std::string, Position>>;

  Json value;
  // Doubts found while parsing (e.g. a repaired escape); they become the record's warnings.
  std::vector<Diagnostic> warnings;

  // Where the key (or list item) at a JSON pointer ("/related/0/title") stands in the file.
  Position position(std::string_view pointer) const;

  // Positions are filled either while parsing, or on first need by `locate` (YAML: a second parse
  // that records them). Most files never need one, so most files never pay for them. `locate` may
  // refer to the header's text: call position() only while that text lives.
  mutable Positions positions;
  std::function<Positions()> locate;

 private:
  mutable bool located_ = false;
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
