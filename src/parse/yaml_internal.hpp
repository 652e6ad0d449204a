#pragma once
// What the two YAML header readers share (yaml-cpp's event builder in header_yaml.cpp and the fast
// path in header_yaml_fast.cpp): how a plain scalar's text becomes a JSON value. One definition, so
// the two cannot drift apart. Not public API.
#include <array>
#include <string_view>

#include "newsnorm/core/json.hpp"

namespace newsnorm::yaml_detail {

// The plain scalars yaml-cpp reports as null (its IsNullString) rather than as text.
inline constexpr std::array<std::string_view, 4> kNullSpellings = {"null", "Null", "NULL", "~"};
bool is_null_spelling(std::string_view plain);

// YAML 1.2 core schema resolution of a plain (unquoted, untagged) scalar that is not null.
Json resolve_plain_scalar(std::string_view value);

}  // namespace newsnorm::yaml_detail
