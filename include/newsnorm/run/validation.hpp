#pragma once
// `validate`'s own rule beyond ingest's: the fields each record of some types must have.
#include <string>
#include <vector>

#include "newsnorm/model/article.hpp"

namespace newsnorm {

struct ValidationRules {
  std::vector<std::string> required;             // default: the field table's required_by_default
  std::vector<std::string> types = {"article"};  // record types the required fields apply to; "*" for all

  ValidationRules();
};

// Missing required fields of a parsed article, as errors (they have no position: they are not there).
std::vector<Diagnostic> missing_required_fields(const Article& article, const ValidationRules& rules);

}  // namespace newsnorm
