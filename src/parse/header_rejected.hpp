#pragma once
// How the three header parsers leave their callbacks early with a diagnostic: thrown from a parser
// library's callback, caught by the same parser's public function, never seen outside it.
#include "newsnorm/core/diagnostic.hpp"

namespace newsnorm {

struct HeaderRejected {
  Diagnostic diagnostic;
};

}  // namespace newsnorm
