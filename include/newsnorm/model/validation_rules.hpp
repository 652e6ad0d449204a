#pragma once
// `validate`'s own rule beyond ingest's: the fields each record of some types must have.
#include <map>
#include <string>
#include <vector>

#include "newsnorm/model/article.hpp"

namespace newsnorm {

struct ValidationRules {
  // Record type -> the fields its records must have; "*" for every type without an entry of its
  // own. By default articles must have the field table's required_by_default fields.
  std::map<std::string, std::vector<std::string>> required;

  ValidationRules();
  // `--require F,... --require-types T,...`: these fields for these types ("*" for all), nothing else.
  ValidationRules(const std::vector<std::string>& fields, const std::vector<std::string>& types);

  // The fields a record of this type must have; null when none are required of it.
  const std::vector<std::string>* fields_for(const std::string& type) const;
};

// Missing required fields of a parsed article, as errors (they have no position: they are not there).
std::vector<Diagnostic> missing_required_fields(const Article& article, const ValidationRules& rules);

}  // namespace newsnorm
