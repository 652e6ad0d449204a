#pragma once
// Reads a record back into the Article model: the exporter's inverse. Used to check that export is
// stable (a record read and written again is the same bytes) and by tools that post-process records.
#include <variant>

#include "newsnorm/model/article.hpp"

namespace newsnorm {

// Throws nlohmann::json exceptions when `record` does not have the record's shape.
Article read_record(const Json& record);

}  // namespace newsnorm
