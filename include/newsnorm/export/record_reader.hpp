#pragma once
// Reads a record back into the Article model: the exporter's inverse. Used to check that export is
// stable (a record read and written again is the same bytes) and by tools that post-process records.
#include <string_view>

#include "newsnorm/core/result.hpp"
#include "newsnorm/model/article.hpp"

namespace newsnorm {

// The article a record holds; a record.invalid error (without a position) when `record` does not
// have the record's shape.
Result<Article> read_record(const Json& record);
// The same of one record line (JSON text, with or without its newline).
Result<Article> read_record_line(std::string_view line);

}  // namespace newsnorm
