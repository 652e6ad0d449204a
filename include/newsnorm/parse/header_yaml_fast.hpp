#pragma once
// The YAML header fast path: a one-pass reader of the plain subset of YAML that front matter is
// (block mappings and lists, one-line scalars, comments), in front of yaml-cpp, which stays the
// parser of record. Where the fast path answers, its tree is the one yaml-cpp's path would build:
// values, JSON kinds, key order, warnings and positions. At the first byte it does not fully
// understand it answers nothing, and parse_yaml_header asks yaml-cpp as it always did.
//
// Its subset, all else being "not mine": lines indented by spaces; `key: value` and `key:` with a
// nested block or nothing (null); list items `- value` and `- key: value` (a mapping in the item),
// at the parent key's indent or deeper; keys that start with an ASCII letter, digit or '_' and go
// on with those, '-', '.', inner spaces and non-ASCII text; plain scalars without ": " (resolved as
// yaml-cpp's path resolves them); single- and double-quoted scalars on one line (double: the YAML
// 1.2 escapes); comments; blank lines. Never: tabs, CR, control characters, a BOM, anchors,
// aliases, tags, flow collections, block scalars, explicit keys, document markers, continuation
// lines, repeated keys, null keys, nesting past --max-depth (or 64).
#include <optional>
#include <string_view>

#include "newsnorm/core/limits.hpp"
#include "newsnorm/parse/header_tree.hpp"

namespace newsnorm {

// The header read by the fast path, or nullopt when it is not the fast path's to read. Positions
// are recorded as it reads (it knows every line and column); no locator is needed. The limits are
// checked by the caller.
std::optional<HeaderTree> parse_yaml_fast(std::string_view header, int first_line, const Limits& limits);

// parse_yaml_header without the fast path: yaml-cpp alone, what the differential tests and the
// fuzzer compare the fast path against.
HeaderResult parse_yaml_header_by_yaml_cpp(std::string_view header, int first_line, const Limits& limits);

}  // namespace newsnorm
