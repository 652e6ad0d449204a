#pragma once
// Diagnostics: what the tool says about an input, with where it says it.
#include <string>
#include <string_view>
#include <vector>

namespace newsnorm {

// 1-based line and column in the input file; 0 means "not known".
struct Position {
  int line = 0;
  int column = 0;
};

enum class Severity { error, warning };

struct Diagnostic {
  Severity severity = Severity::error;
  Position position;
  std::string message;
};

inline Diagnostic make_error(Position position, std::string message) {
  return {Severity::error, position, std::move(message)};
}
inline Diagnostic make_warning(Position position, std::string message) {
  return {Severity::warning, position, std::move(message)};
}

// The 1-based line and column of a byte offset in `text`.
Position position_of_offset(std::string_view text, std::size_t offset);

// "path:line:column: error: message", the form compilers use, which editors and CI logs link.
std::string format_diagnostic(const std::string& path, const Diagnostic& diagnostic);

}  // namespace newsnorm
