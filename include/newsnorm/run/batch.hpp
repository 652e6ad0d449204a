#pragma once
// A whole ingest run: inputs through the pipeline on N threads, records out in input order, then
// deletions, then the commit sequence that makes a run all-or-nothing: output synced and renamed
// into place first, state committed second.
#include <cstddef>
#include <functional>
#include <string>

#include "newsnorm/run/ingest.hpp"
#include "newsnorm/run/output_sink.hpp"
#include "newsnorm/run/state_store.hpp"

namespace newsnorm {

struct BatchOptions {
  IngestOptions ingest;
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

IngestSummary run_ingest_batch(InputStream& inputs, const BatchOptions& options, OutputSink& records,
                               OutputSink* errors, const InputObserver& observe);

// {"id", "source": {"path"}, "deleted": true}: tells downstream stores to remove a record.
void append_deletion_record(std::string& out, const std::string& path, const std::string& id);

}  // namespace newsnorm
