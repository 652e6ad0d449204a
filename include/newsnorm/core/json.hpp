#pragma once
// The JSON tree every stage shares: header values, `extra`, the schema. Ordered, so header values
// kept verbatim keep their input key order.
#include <string>

#include <nlohmann/json.hpp>

namespace newsnorm {

using Json = nlohmann::ordered_json;

// A short description of a value for messages: "a list", "the text \"high\"", "the number 3.5".
// Long text is cut at a character boundary, so a message quoting it stays valid UTF-8.
std::string describe(const Json& value);

}  // namespace newsnorm
