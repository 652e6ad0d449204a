#pragma once
// The JSON tree every stage shares: header values, `extra`, the schema. Ordered, so header values
// kept verbatim keep their input key order.
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace newsnorm {

using Json = nlohmann::ordered_json;

// A short description of a value for messages: "a list", "the text \"high\"", "the number 3.5".
// Long text is cut at a character boundary, so a message quoting it stays valid UTF-8.
std::string describe(const Json& value);

// An RFC 6901 pointer ("/related/2/title"), or nullopt when the text is not one.
std::optional<Json::json_pointer> json_pointer_of(const std::string& pointer);

// The JSON value of a text, or nullopt when it is not JSON (nlohmann's exceptions stay in here).
std::optional<Json> parse_json(std::string_view text);

}  // namespace newsnorm
