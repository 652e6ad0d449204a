#pragma once
// `newsnorm stories`: records in (the outputs of one run or of many shards), stories out. Record
// files are read on every core; the story stage (story_run.hpp) works over all of them, in the
// order of their source paths, so the output does not depend on how the records were split.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "newsnorm/core/diagnostic.hpp"
#include "newsnorm/run/story_run.hpp"

namespace newsnorm {

struct StoriesOptions {
  std::vector<std::string> paths;  // record files, folders of *.jsonl, or "-"
  std::string output = "-";
  bool records = false;  // write the records with their story fields, not story lines
  int threads = 1;
};

struct StoriesSummary {
  std::size_t records = 0;
  StoryCounts counts;
  std::size_t invalid = 0;     // lines that are not records
  std::size_t unreadable = 0;  // files that could not be read
};

// Called in input order for each line that is not a record and each file that cannot be read.
using StoriesObserver = std::function<void(const std::string& path, const Diagnostic& problem)>;

// The failure that ended the run (the output could not be written, a record file changed meanwhile).
FatalResult<StoriesSummary> run_stories(const StoriesOptions& options, const StoriesObserver& observe);

}  // namespace newsnorm
