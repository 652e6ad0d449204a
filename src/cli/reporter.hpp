#pragma once
// Everything the tool says on standard error: diagnostics, notes and the closing summary.
// Standard output is for data only.
#include <string>

#include "newsnorm/ingest.hpp"

namespace newsnorm::cli {

class Reporter {
 public:
  explicit Reporter(bool quiet) : quiet_(quiet) {}

  void report(const std::string& path, const InputOutcome& outcome);
  void note(const std::string& message);
  void summary(const IngestSummary& summary);

 private:
  void line(const std::string& text);
  bool quiet_;
};

}  // namespace newsnorm::cli
