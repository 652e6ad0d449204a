#pragma once
// A store that keeps the records of a run besides (or instead of) the JSON Lines output, such as the
// SQLite database of `ingest --sqlite`. It is fed the very record text the output gets, told which
// files are gone, and committed by run_batch after the output and before the state. The interface
// keeps the runner free of any particular store: run/ingest.hpp and run/batch.hpp name no database.
// Only run_batch calls it: a failure is a FatalError thrown to run_batch, which returns it.
#include <string>
#include <string_view>
#include <vector>

namespace newsnorm {

class RecordSink {
 public:
  virtual ~RecordSink() = default;

  // Whether the sink holds record `id` as made from the file at `path`. A file the state calls
  // unchanged is still ingested for a sink that lacks its record (a new or restored database), so
  // the sink catches up though the output had the record in an earlier run. Called from many
  // threads at once during a run, while nothing else is called: must not change anything.
  virtual bool holds(const std::string& path, const std::string& id) const = 0;

  // One record made from `path` ("-" for standard input): the JSON text written to the output,
  // with or without its newline. Staged until commit().
  virtual void put(std::string_view record, const std::string& path) = 0;

  // The file at `path`, whose record had id `id`, is gone. Staged until commit().
  virtual void remove(const std::string& path, const std::string& id) = 0;

  // Files whose records the sink needs again: another file with the same id is gone or changed id,
  // and it was the one whose record the sink kept. The run ingests them and put()s their records,
  // then asks again until the list is empty.
  virtual std::vector<std::string> take_refeeds() = 0;

  // Makes everything staged durable at once.
  virtual void commit() = 0;
};

}  // namespace newsnorm
