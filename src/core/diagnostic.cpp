#include "newsnorm/core/diagnostic.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace newsnorm {

Position position_of_offset(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  const std::string_view before = text.substr(0, offset);
  const auto line = 1 + std::count(before.begin(), before.end(), '\n');
  const auto line_start = before.rfind('\n');
  const auto column = offset - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
  return {static_cast<int>(line), static_cast<int>(column)};
}

std::string format_diagnostic(const std::string& path, const Diagnostic& diagnostic) {
  const char* kind = diagnostic.severity == Severity::error ? "error" : "warning";
  const auto& [line, column] = diagnostic.position;
  if (line > 0 && column > 0) return fmt::format("{}:{}:{}: {}: {}", path, line, column, kind, diagnostic.message);
  if (line > 0) return fmt::format("{}:{}: {}: {}", path, line, kind, diagnostic.message);
  return fmt::format("{}: {}: {}", path, kind, diagnostic.message);
}

}  // namespace newsnorm
