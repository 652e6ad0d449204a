#pragma once
// One input through every stage: read -> parse -> model -> normalize -> export.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "newsnorm/document_parser.hpp"
#include "newsnorm/input_files.hpp"
#include "newsnorm/limits.hpp"

namespace newsnorm {

struct IngestOptions {
  Limits limits;
};

// In memory, for tests and for the CLI alike: parse, then give the article its id.
ParseResult ingest_bytes(std::string_view bytes, std::string path, const IngestOptions& options);

// What one input became: a serialized record, or an error; and what was said about it.
struct InputOutcome {
  std::string record;                    // one JSON line, empty when rejected
  std::optional<Diagnostic> error;       // set when the input was rejected
  std::vector<Diagnostic> warnings;
};

// Reads and ingests one input. `buffer` is the caller's reusable read buffer.
void ingest_input(const Input& input, const IngestOptions& options, std::string& buffer, InputOutcome& outcome);

struct IngestSummary {
  std::size_t files = 0;
  std::size_t records = 0;
  std::size_t rejected = 0;
  std::size_t warnings = 0;
};

}  // namespace newsnorm
