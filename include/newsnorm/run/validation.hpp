#pragma once
// `validate`: the same parser and rules as ingest, plus required fields, reporting every problem.
#include <string>
#include <vector>

#include "newsnorm/run/ingest.hpp"

namespace newsnorm {

struct ValidationRules {
  std::vector<std::string> required = {"title", "url", "publishedDateTime"};
  std::vector<std::string> types = {"article"};  // record types the required fields apply to; "*" for all
  IngestOptions ingest;
};

// The record fields --require may name.
const std::vector<std::string>& requirable_fields();

// Every problem with one input: its error, or its warnings and each missing required field.
std::vector<Diagnostic> validate_input(const Input& input, const ValidationRules& rules, std::string& buffer);

// Missing required fields of a parsed article, as errors.
std::vector<Diagnostic> missing_required_fields(const Article& article, const ValidationRules& rules);

}  // namespace newsnorm
