#pragma once
// A front-matter header parsed into a format-neutral JSON tree, with where each value came from.
// YAML, TOML and JSON headers all become this, so the model builder is written once.
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newsnorm/core/diagnostic.hpp"
#include "newsnorm/core/json.hpp"
#include "newsnorm/core/limits.hpp"
#include "newsnorm/core/result.hpp"

namespace newsnorm {

class HeaderTree {
 public:
  using Positions = std::vector<std::pair<std::string, Position>>;
  using Locator = std::function<Positions()>;

  explicit HeaderTree(int first_line = 1) : first_line_(first_line) {}

  Json value;
  // Doubts found while parsing (e.g. a repaired escape); they become the record's warnings.
  std::vector<Diagnostic> warnings;

  // Where the key (or list item) at a JSON pointer ("/related/0/title") stands in the file; the
  // root pointer "" is the header's first line.
  Position position(std::string_view pointer) const;

  // Positions are recorded either while parsing (`record`), or on first need by a locator (YAML: a
  // second parse that records them). Most files never need one, so most files never pay for them.
  // A locator may refer to the header's text: call position() only while that text lives.
  void record(std::string pointer, Position where) { positions_.emplace_back(std::move(pointer), where); }
  void set_locator(Locator locate) { locate_ = std::move(locate); }
  Positions take_positions() { return std::move(positions_); }

 private:
  int first_line_;
  mutable Positions positions_;
  Locator locate_;
  mutable bool located_ = false;
};

using HeaderResult = Result<HeaderTree>;

// `first_line` is the file line on which `header` starts, so positions are the file's own.
HeaderResult parse_yaml_header(std::string_view header, int first_line, const Limits& limits);
HeaderResult parse_toml_header(std::string_view header, int first_line, const Limits& limits);
HeaderResult parse_json_header(std::string_view header, int first_line, const Limits& limits);

// The header of a split document, by its format (not Format::text).
struct FrontMatter;
HeaderResult parse_header(const FrontMatter& front, const Limits& limits);

// Checks the header's size and every line against the limits before a parser sees it.
Status check_header_limits(std::string_view header, int first_line, const Limits& limits);

// The one message for a header nested past --max-depth, whichever parser finds it.
Diagnostic depth_limit_error(Position where, int max_depth);

// The one warning for a repeated key that --duplicate-keys first|last let through, whichever parser
// finds it: it names the key, both lines and which value was kept.
Diagnostic duplicate_key_warning(const DiagnosticCode& code, std::string_view key, int first_line, int again_line,
                                 DuplicateKeys policy, Position where);

// Appends "/token" to a JSON pointer, escaping '~' and '/' as RFC 6901 says.
void append_pointer_token(std::string& pointer, std::string_view token);

// "/related/2/provider/name" -> "related[2].provider.name": how a person names a header value.
std::string display_pointer(std::string_view pointer);

}  // namespace newsnorm
