#pragma once
// One input through every stage: read -> parse -> model -> normalize -> export.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "newsnorm/model/document_parser.hpp"
#include "newsnorm/read/input_files.hpp"
#include "newsnorm/core/limits.hpp"
#include "newsnorm/normalize/normalizer.hpp"
#include "newsnorm/run/state_store.hpp"

namespace newsnorm {

struct IngestOptions {
  Limits limits;
  NormalizeOptions normalize;
};

// In memory, for tests and for the CLI alike: parse, then normalize (which gives the article its id).
ParseResult ingest_bytes(std::string_view bytes, std::string path, const IngestOptions& options);

enum class Disposition {
  record,     // a record was made
  rejected,   // the input is in error
  unchanged,  // the state says this content was written before: nothing to do
};

// What one input became, and what was said about it.
struct InputOutcome {
  Disposition disposition = Disposition::rejected;
  std::string record;                    // one JSON line, when disposition is record
  std::optional<Diagnostic> error;       // when rejected
  std::vector<Diagnostic> warnings;
  std::optional<FileState> new_state;    // what to remember once the output is committed
};

// Reads and ingests one input. With a state, an unchanged file costs a stat, and a file whose
// content hash is unchanged costs a read and a hash, never a parse. `buffer` is reused by the caller.
void ingest_input(const Input& input, const IngestOptions& options, const StateStore* state, std::string& buffer,
                  InputOutcome& outcome);

}  // namespace newsnorm
