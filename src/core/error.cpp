#include "newsnorm/core/result.hpp"

namespace newsnorm {

FatalError::FatalError(FatalKind kind, const DiagnosticCode& code, std::string path, std::string message,
                       int error_number)
    : std::runtime_error(std::move(message)),
      kind_(kind),
      code_(&code),
      path_(std::move(path)),
      error_number_(error_number) {}

}  // namespace newsnorm
