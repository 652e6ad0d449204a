#include <cstdio>
#include <cstdlib>

#include "newsnorm/core/result.hpp"

namespace newsnorm {

void result_misused(const char* what) noexcept {
  std::fprintf(stderr, "newsnorm: internal error: %s\n", what);
  std::abort();
}

Failure Failure::of(FatalKind kind, const DiagnosticCode& code, std::string path, std::string message,
                    int error_number) {
  return {kind, std::move(path), make_error(code, {}, std::move(message)), error_number};
}

Failure Failure::at(FatalKind kind, std::string path, Diagnostic diagnostic) {
  if (!diagnostic.code) diagnostic.code = &code::usage;
  diagnostic.severity = Severity::error;
  return {kind, std::move(path), std::move(diagnostic), 0};
}

Failure Failure::in(FatalKind kind, const std::string& path, const Diagnostic& diagnostic) {
  return of(kind, diagnostic.code ? *diagnostic.code : code::usage, path, format_diagnostic(path, diagnostic));
}

std::string Failure::what() const {
  return diagnostic.position.line ? format_diagnostic(path, diagnostic) : diagnostic.message;
}

}  // namespace newsnorm
