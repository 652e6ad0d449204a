#include "newsnorm/core/result.hpp"

namespace newsnorm {

FatalError::FatalError(FatalKind kind, const DiagnosticCode& code, std::string path, std::string message,
                       int error_number)
    : std::runtime_error(std::move(message)),
      kind_(kind),
      code_(&code),
      path_(std::move(path)),
      error_number_(error_number) {}

FatalError::FatalError(FatalKind kind, std::string path, const Diagnostic& diagnostic)
    : std::runtime_error(diagnostic.position.line ? format_diagnostic(path, diagnostic) : diagnostic.message),
      kind_(kind),
      code_(diagnostic.code ? diagnostic.code : &code::usage),
      path_(std::move(path)),
      error_number_(0),
      position_(diagnostic.position),
      message_(diagnostic.message) {}

}  // namespace newsnorm
