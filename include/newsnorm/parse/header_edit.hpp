#pragma once
// Rewriting one value of a header in place, for `newsnorm fix`: where a scalar's text starts and
// ends, and how to write a new value so that it reads back as that value -- in the style the old
// one was written in when the new one reads back the same in it. Knows the header languages, not
// the record's fields.
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "newsnorm/core/json.hpp"
#include "newsnorm/core/limits.hpp"
#include "newsnorm/core/result.hpp"
#include "newsnorm/parse/front_matter.hpp"

namespace newsnorm {

// Where yaml-cpp saw a scalar in value position start.
struct ScalarPlace {
  std::string pointer;     // RFC 6901, as the header tree's
  std::size_t offset = 0;  // byte offset in the header of its first character (its anchor or tag, if any)
  bool alias = false;      // *name: a copy of an anchored value
  bool in_flow = false;    // inside [ ] or { }
};
// Every scalar value of a YAML header and where it starts (parse/header_yaml.cpp). With
// --duplicate-keys last a pointer appears again for the value that replaces the first: the later
// place is the one the tree holds.
Result<std::vector<ScalarPlace>> locate_yaml_scalars(std::string_view header, int first_line, const Limits& limits);

enum class ScalarStyle { plain, single_quoted, double_quoted, literal, folded, json };

// The text of one scalar value in a header.
struct ValueSpan {
  std::size_t begin = 0;  // byte offsets in the header
  std::size_t end = 0;
  ScalarStyle style = ScalarStyle::plain;
  bool in_flow = false;
  std::size_t indent = 0;  // literal and folded: the indentation of their lines
};

// The scalar values of one header, found once.
class HeaderValues {
 public:
  // Fails when the format has no in-place rewriting (TOML) or the header cannot be read. `header`
  // must outlive the object.
  static Result<HeaderValues> read(Format format, std::string_view header, int first_line, const Limits& limits);

  // The text of the scalar at `pointer`, whose value in the header tree is `value`. The error says
  // why it cannot be rewritten in place: an alias, an anchor or a tag on it, a block scalar with an
  // explicit indentation, no scalar there.
  Result<ValueSpan> find(const std::string& pointer, const Json& value) const;

 private:
  Format format_ = Format::yaml;
  std::string_view header_;
  std::unordered_map<std::string, ScalarPlace> yaml_;
  std::unordered_map<std::string, ValueSpan> json_;
};

// The text that writes `value` (text, a number or a boolean) in the place of `span`: in the span's
// style when it reads back as `value` there, else double-quoted (YAML). Each way is checked by
// parsing it; nullopt when none reads back.
std::optional<std::string> write_value(Format format, const Json& value, const ValueSpan& span, std::string_view header,
                                       const Limits& limits);

}  // namespace newsnorm
