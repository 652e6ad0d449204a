#pragma once
// The JSON tree every stage shares: header values, `extra`, the schema. Ordered, so header values
// kept verbatim keep their input key order.
#include <nlohmann/json.hpp>

namespace newsnorm {

using Json = nlohmann::ordered_json;

}  // namespace newsnorm
