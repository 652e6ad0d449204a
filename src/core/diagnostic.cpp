#include "newsnorm/core/diagnostic.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "newsnorm/core/json_writer.hpp"

namespace newsnorm {

std::span<const DiagnosticCode* const> all_diagnostic_codes() {
#define NEWSNORM_CODE_ADDRESS(name, id, help) &code::name,
  static constexpr const DiagnosticCode* kAll[] = {NEWSNORM_DIAGNOSTIC_CODES(NEWSNORM_CODE_ADDRESS)};
#undef NEWSNORM_CODE_ADDRESS
  return kAll;
}

const char* severity_name(Severity severity) {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "error";
}

Position position_of_offset(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  const std::string_view before = text.substr(0, offset);
  const auto line = 1 + std::count(before.begin(), before.end(), '\n');
  const auto line_start = before.rfind('\n');
  const auto column = offset - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
  return {static_cast<int>(line), static_cast<int>(column)};
}

std::string format_diagnostic(const std::string& path, const Diagnostic& diagnostic) {
  const char* kind = severity_name(diagnostic.severity);
  const auto& [line, column] = diagnostic.position;
  if (line > 0 && column > 0) return fmt::format("{}:{}:{}: {}: {}", path, line, column, kind, diagnostic.message);
  if (line > 0) return fmt::format("{}:{}: {}: {}", path, line, kind, diagnostic.message);
  return fmt::format("{}: {}: {}", path, kind, diagnostic.message);
}

void append_diagnostic_json(std::string& out, const std::string& path, const Diagnostic& d) {
  JsonWriter w(out);
  w.begin_object();
  w.key("path"), path.empty() ? w.null() : w.string(path);
  w.key("line"), d.position.line > 0 ? w.integer(d.position.line) : w.null();
  w.key("column"), d.position.column > 0 ? w.integer(d.position.column) : w.null();
  w.key("severity"), w.string(severity_name(d.severity));
  w.key("code"), d.code ? w.string(d.code->id) : w.null();
  w.key("message"), w.string(d.message);
  w.key("hint"), d.code ? w.string(d.code->help) : w.null();
  w.end_object();
  out.push_back('\n');
}

}  // namespace newsnorm
