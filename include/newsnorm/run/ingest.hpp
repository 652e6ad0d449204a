#pragma once
// One input through every stage, in memory: parse -> model -> normalize. No files, no state.
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "newsnorm/core/limits.hpp"
#include "newsnorm/model/document_parser.hpp"
#include "newsnorm/model/validation_rules.hpp"
#include "newsnorm/normalize/normalizer.hpp"

namespace newsnorm {

struct IngestOptions {
  Limits limits;
  NormalizeOptions normalize;
  const ValidationRules* validate = nullptr;  // `validate`: also check required fields, write no record
  // A project configuration's [aliases] over the built-in table; null: the built-in table.
  std::shared_ptr<const Vocabulary> vocabulary;
  // A project configuration's [types]: the type of a record whose header names none, from the path
  // as given; null, or "" for a path no glob matches: "article".
  std::function<std::string(const std::string& path)> type_for_path;
};

// The options of each input, by its path (a project configuration's); a failure ends the run.
using OptionsForPath = std::function<FatalResult<const IngestOptions*>(const std::string& path)>;

// For tests and for the CLI alike: parse, then normalize (which gives the article its id). With
// `header`, the parsed front matter is kept there (see parse_document).
ParseResult ingest_bytes(std::string_view bytes, std::string path, const IngestOptions& options,
                         HeaderTree* header = nullptr);

}  // namespace newsnorm
