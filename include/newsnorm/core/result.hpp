#pragma once
// How a step fails, in every stage. An expected failure of one input (a bad header, a missing file)
// is a Result<T> holding a Diagnostic, or a Status when the step makes nothing: the run goes on with
// the next input. A failure that ends the run (the output or the state cannot be written, the
// command line or a configuration it names is wrong) is a Failure: the same Diagnostic, with the
// file it is about and its kind, which `main` maps to the documented exit status; a step that can end
// the run returns Result<T, Failure>, or FatalStatus.
//
// Exceptions stay inside the stage that throws them: a stage may throw FatalError between its own
// functions, and its public functions catch it (catch_failure) and return the Failure.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include "newsnorm/core/diagnostic.hpp"

namespace newsnorm {

// A Result's value asked of an error, or its error asked of a value: a bug in the caller, which
// ends the program with a message (never an exception another stage would have to know about).
[[noreturn]] void result_misused(const char* what) noexcept;

template <typename T, typename E = Diagnostic>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit on purpose
  Result(E error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT: implicit on purpose

  bool ok() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  // The value, after ok() said there is one.
  T& value() & noexcept { return *checked_value(); }
  const T& value() const& noexcept { return *checked_value(); }
  T&& value() && noexcept { return std::move(*checked_value()); }
  T* operator->() noexcept { return checked_value(); }
  const T* operator->() const noexcept { return checked_value(); }
  // The value, or null for an error.
  T* get_if() noexcept { return std::get_if<0>(&state_); }
  const T* get_if() const noexcept { return std::get_if<0>(&state_); }
  T value_or(T fallback) const& { return ok() ? std::get<0>(state_) : std::move(fallback); }

  // The error, after ok() said there is one.
  E& error() & noexcept { return *checked_error(); }
  const E& error() const& noexcept { return *checked_error(); }
  E&& error() && noexcept { return std::move(*checked_error()); }

 private:
  T* checked_value() noexcept {
    if (T* held = std::get_if<0>(&state_)) return held;
    result_misused("Result::value() on an error");
  }
  const T* checked_value() const noexcept {
    if (const T* held = std::get_if<0>(&state_)) return held;
    result_misused("Result::value() on an error");
  }
  E* checked_error() noexcept {
    if (E* held = std::get_if<1>(&state_)) return held;
    result_misused("Result::error() on a value");
  }
  const E* checked_error() const noexcept {
    if (const E* held = std::get_if<1>(&state_)) return held;
    result_misused("Result::error() on a value");
  }

  std::variant<T, E> state_;
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

struct Failure {
  FatalKind kind = FatalKind::usage;
  std::string path;       // the file it is about; "" when none
  Diagnostic diagnostic;  // its code and message; a position in `path` when it is a place in a file
  int error_number = 0;   // the errno behind it, 0 when none

  // `message` says all of it in words (it names the file when that helps).
  static Failure of(FatalKind kind, const DiagnosticCode& code, std::string path, std::string message,
                    int error_number = 0);
  // A problem at a place in a file the run depends on (a newsnorm.toml).
  static Failure at(FatalKind kind, std::string path, Diagnostic diagnostic);
  // A problem in a data file the run reads (a provider file, a vocabulary), said as one message
  // that names the file: "path:line:column: error: message".
  static Failure in(FatalKind kind, const std::string& path, const Diagnostic& diagnostic);

  // "path:line:column: error: message" with a position, else the message.
  std::string what() const;
};

template <typename T>
using FatalResult = Result<T, Failure>;
using FatalStatus = Result<Done, Failure>;
inline FatalStatus done() { return Done{}; }

// How a stage carries a Failure between its own functions; never thrown out of a stage.
class FatalError : public std::exception {
 public:
  explicit FatalError(Failure failure) : failure_(std::move(failure)), what_(failure_.what()) {}
  FatalError(FatalKind kind, const DiagnosticCode& code, std::string path, std::string message, int error_number = 0)
      : FatalError(Failure::of(kind, code, std::move(path), std::move(message), error_number)) {}
  FatalError(FatalKind kind, std::string path, Diagnostic diagnostic)
      : FatalError(Failure::at(kind, std::move(path), std::move(diagnostic))) {}

  const Failure& failure() const { return failure_; }
  const char* what() const noexcept override { return what_.c_str(); }

 private:
  Failure failure_;
  std::string what_;
};

// The value of a Result<T, Failure>, or the Failure thrown as a FatalError: for a stage's own
// functions, which pass failures on by throwing, calling a public function that returns them.
template <typename T>
T value_or_throw(FatalResult<T>&& result) {
  if (!result) throw FatalError(std::move(result).error());
  return std::move(result).value();
}
inline void value_or_throw(FatalStatus&& status) {
  if (!status) throw FatalError(std::move(status).error());
}

// Runs `step` and returns what it made, or the Failure a FatalError inside it carried: how a
// stage's public function keeps the stage's exceptions inside it.
template <typename Step>
auto catch_failure(Step&& step)
    -> FatalResult<std::conditional_t<std::is_void_v<decltype(step())>, Done, std::decay_t<decltype(step())>>> {
  try {
    if constexpr (std::is_void_v<decltype(step())>) {
      step();
      return Done{};
    } else {
      return step();
    }
  } catch (const FatalError& error) {
    return error.failure();
  }
}

}  // namespace newsnorm
