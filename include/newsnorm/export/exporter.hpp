#pragma once
// Writes records as JSON Lines. Knows the record's shape, nothing of where it came from.
#include <string>

#include "newsnorm/model/article.hpp"

namespace newsnorm {

// Appends one record and its newline to `out` (a buffer the caller reuses).
void append_record(std::string& out, const Article& article);

// Appends {"path","line","column","message"} and a newline: one rejected input for --errors.
void append_error_record(std::string& out, const std::string& path, const Diagnostic& error);

}  // namespace newsnorm
