#pragma once
// The two ways a step can fail. An expected failure of one input (a bad header, a missing file) is a
// Result holding a Diagnostic: the run goes on with the next input. A failure that ends the run
// (the output or the state cannot be written, the command line is wrong) is a FatalError.
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

#include "newsnorm/core/diagnostic.hpp"

namespace newsnorm {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}           // NOLINT: implicit on purpose
  Result(Diagnostic error) : state_(std::move(error)) {}  // NOLINT: implicit on purpose

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(state_); }
  const T& value() const { return std::get<0>(state_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  Diagnostic& error() { return std::get<1>(state_); }
  const Diagnostic& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Diagnostic> state_;
};

// A step that yields nothing but may fail.
struct Done {};
using Status = Result<Done>;
inline Status ok() { return Done{}; }

// What ends a run; `main` maps the kind to the documented exit status.
enum class FatalKind {
  usage,         // the command line or a file it names is wrong (exit 2)
  output,        // the output could not be written (exit 3)
  state,         // the state could not be read or written (exit 3)
  state_locked,  // another run holds the state (exit 4)
};

class FatalError : public std::runtime_error {
 public:
  // `error_number` is the errno behind it, 0 when none; `what()` says all of it in words.
  FatalError(FatalKind kind, const DiagnosticCode& code, std::string path, std::string message, int error_number = 0);
  // A problem at a place in a file the run depends on (a newsnorm.toml): `what()` is
  // "path:line:column: error: message", and diagnostic() keeps the position.
  FatalError(FatalKind kind, std::string path, const Diagnostic& diagnostic);

  FatalKind kind() const { return kind_; }
  const DiagnosticCode& code() const { return *code_; }
  const std::string& path() const { return path_; }
  int error_number() const { return error_number_; }
  // The same as a Diagnostic, so it is reported like any other.
  Diagnostic diagnostic() const {
    return position_.line ? make_error(*code_, position_, message_) : make_error(*code_, {}, what());
  }

 private:
  FatalKind kind_;
  const DiagnosticCode* code_;
  std::string path_;
  int error_number_;
  Position position_;
  std::string message_;  // without the path and position, when there is a position
};

}  // namespace newsnorm
