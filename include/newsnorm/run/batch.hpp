#pragma once
// A whole run over many inputs, for `ingest` and `validate` alike: inputs through the pipeline on N
// threads, results out in input order, then deletions, then the commit sequence that makes a run
// all-or-nothing and its records written exactly once:
//   1. the outputs (-o, --errors) are synced in their temporary files;
//   2. the record sink (--sqlite) commits: what it does is idempotent, so a run killed after this
//      and before 3 is repeated whole by the next run and the sink takes the same records again;
//   3. the state commits, and with it the renames the outputs are about to make (a journal);
//   4. the outputs are renamed into place, and the journal is cleared.
// A run killed between 3 and 4 has written its records in the state's eyes: the next run finishes
// the renames when it opens the state (StateStore::open), instead of writing them again. Records
// on standard output cannot be taken back: with a state and no -o they are written at least once.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "newsnorm/read/input_files.hpp"
#include "newsnorm/run/ingest.hpp"
#include "newsnorm/run/output_sink.hpp"
#include "newsnorm/run/record_sink.hpp"
#include "newsnorm/run/state_store.hpp"
#include "newsnorm/run/story_run.hpp"

namespace newsnorm {

enum class Disposition {
  record,     // a record was made
  rejected,   // the input is in error
  unchanged,  // the state says this content was written before: nothing to do
  restored,   // unchanged, but the record sink lacks its record: made again for the sink alone
};

// What one input became, and what was said about it.
struct InputOutcome {
  Disposition disposition = Disposition::rejected;
  std::string record;               // one JSON line, when disposition is record or restored (not for validate)
  std::optional<Diagnostic> error;  // when rejected
  std::vector<Diagnostic> warnings;
  std::vector<Diagnostic> missing;               // required fields absent (validate only)
  std::optional<FileState> new_state;            // what to remember once the output is committed
  std::optional<stories::StoryItem> story_item;  // with stories: what the story stage needs of the record
  // With stories, made on the worker: the record's hash (StoryCollector::line_hash), and the record
  // packed for the story stage's spool when it goes there (`record` is then left empty).
  std::uint64_t record_hash = 0;
  std::optional<PackedLine> packed_record;
};

// Reads and ingests one input. With a state, an unchanged file costs a stat, and a file whose
// content hash is unchanged costs a read and a hash, never a parse, unless `sink` lacks its record.
// `buffer` is reused by the caller.
void ingest_input(const Input& input, const IngestOptions& options, const StateStore* state, const RecordSink* sink,
                  bool stories, std::string& buffer, InputOutcome& outcome);

// How many of the files the state knows inside a run's roots the run may take for deleted before
// it refuses (a folder that failed to mount reads as a folder whose files are all gone).
struct DeletionLimit {
  enum class Kind { standard, count, percent, unlimited };
  Kind kind = Kind::standard;  // standard: not all of them, and not more than half of more than 20
  std::size_t value = 0;       // count: at most this many; percent: at most this share of them
  // Whether deleting `gone` of `known` passes.
  bool allows(std::size_t gone, std::size_t known) const;
  std::string describe() const;  // "all of them, or more than 50 % of more than 20", "more than 10"
};
// --max-deletions: "N" or "P%". The error says what is wrong.
Result<DeletionLimit> parse_deletion_limit(std::string_view text);

// Whether `path` (as the walk wrote it) lies inside `root` (as named): the root itself or a path
// under it ("news" holds "news/a.md", not "newsroom/a.md").
bool path_inside(std::string_view path, std::string_view root);

struct BatchOptions {
  IngestOptions ingest;
  // When set, the options for each input path instead of `ingest`: those of the project
  // configuration that applies to it. Called on the worker threads; a failure ends the run.
  OptionsForPath options_for;
  int jobs = 1;
  StateStore* state = nullptr;  // --state
  bool emit_deletions = false;  // --emit-deletions
  // A file the state knows is taken for deleted only when it lies inside one of the inputs' roots
  // and the run did not meet it; a run that would delete more than this refuses (exit 3, nothing
  // written or committed).
  DeletionLimit max_deletions;
  // Work out duplicates and stories: records are written once the run is over. Without it, each
  // record is written as soon as it is made, with null storyId and duplicateOf.
  bool stories = false;
  // --sqlite: gets every record the output gets, and, with a state, the files that are gone (whether
  // or not --emit-deletions writes them to the output) and the records of unchanged files it lacks.
  RecordSink* sink = nullptr;
};

struct IngestSummary {
  std::size_t files = 0;
  std::size_t records = 0;
  std::size_t rejected = 0;
  std::size_t unchanged = 0;
  std::size_t restored = 0;  // unchanged files whose records went to the sink alone
  std::size_t deleted = 0;
  SkipCounts skipped;  // what the walks passed over
  std::size_t warnings = 0;
  StoryCounts stories;
  // Wall seconds of the run's phases: inputs made into records (on every core), then, with stories,
  // the stories worked out and the records written with their story fields.
  double records_seconds = 0, stories_seconds = 0, writing_seconds = 0;
  bool stories_in_place = false;  // story fields added to the output where it was written
};

// Called on the caller's thread for each input, in input order (for messages and progress).
using InputObserver = std::function<void(const Input&, const InputOutcome&)>;

// `records` and `errors` may be null (validate writes neither). The failure that ended the run, when
// one did (the output, the state, the database, a configuration met on the way): nothing is committed.
FatalResult<IngestSummary> run_batch(InputStream& inputs, const BatchOptions& options, OutputSink* records,
                                     OutputSink* errors, const InputObserver& observe);

}  // namespace newsnorm
