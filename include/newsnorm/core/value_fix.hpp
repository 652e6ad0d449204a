#pragma once
// What would make a warning go away in the source file: one header value replaced by another.
// The reader and the normalizer attach one to each warning whose change is a new value for a value
// the header gave; `newsnorm fix` writes them. A warning that needs more than that (a list item
// removed, a key added, a body rewritten) has none.
#include <memory>
#include <string>

#include "newsnorm/core/json.hpp"

namespace newsnorm {

struct ValueFix {
  std::string pointer;  // RFC 6901, into the header: "/provider/name", "/date", "/related/2/title"
  Json from;            // the value there that the record did not keep as it was
  Json to;              // the value the record has instead
};

inline std::shared_ptr<const ValueFix> make_value_fix(std::string pointer, Json from, Json to) {
  return std::make_shared<const ValueFix>(ValueFix{std::move(pointer), std::move(from), std::move(to)});
}

}  // namespace newsnorm
