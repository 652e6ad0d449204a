#pragma once
// A whole run over many inputs, for `ingest` and `validate` alike: inputs through the pipeline on N
// threads, results out in input order, then deletions, then the commit sequence that makes a run
// all-or-nothing: output synced and renamed into place first, state committed second.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "newsnorm/read/input_files.hpp"
#include "newsnorm/run/ingest.hpp"
#include "newsnorm/run/output_sink.hpp"
#include "newsnorm/run/state_store.hpp"

namespace newsnorm {

enum class Disposition {
  record,     // a record was made
  rejected,   // the input is in error
  unchanged,  // the state says this content was written before: nothing to do
};

// What one input became, and what was said about it.
struct InputOutcome {
  Disposition disposition = Disposition::rejected;
  std::string record;               // one JSON line, when disposition is record (not for validate)
  std::optional<Diagnostic> error;  // when rejected
  std::vector<Diagnostic> warnings;
  std::vector<Diagnostic> missing;     // required fields absent (validate only)
  std::optional<FileState> new_state;  // what to remember once the output is committed
};

// Reads and ingests one input. With a state, an unchanged file costs a stat, and a file whose
// content hash is unchanged costs a read and a hash, never a parse. `buffer` is reused by the caller.
void ingest_input(const Input& input, const IngestOptions& options, const StateStore* state, std::string& buffer,
                  InputOutcome& outcome);

struct BatchOptions {
  IngestOptions ingest;
  // When set, the options for each input path instead of `ingest`: those of the project
  // configuration that applies to it. Called on the worker threads.
  std::function<const IngestOptions&(const std::string& path)> options_for;
  int jobs = 1;
  StateStore* state = nullptr;  // --state
  bool emit_deletions = false;  // --emit-deletions
};

struct IngestSummary {
  std::size_t files = 0;
  std::size_t records = 0;
  std::size_t rejected = 0;
  std::size_t unchanged = 0;
  std::size_t deleted = 0;
  std::size_t warnings = 0;
};

// Called on the caller's thread for each input, in input order (for messages and progress).
using InputObserver = std::function<void(const Input&, const InputOutcome&)>;

// `records` and `errors` may be null (validate writes neither).
IngestSummary run_batch(InputStream& inputs, const BatchOptions& options, OutputSink* records, OutputSink* errors,
                        const InputObserver& observe);

}  // namespace newsnorm
