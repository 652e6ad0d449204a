#pragma once
// How `validate` reports: one writer per --format, behind one interface, so the validate loop
// hands every input's problems to the writer and never asks which format it is.
//
// Streaming formats (text, github, json) write as each input is done; document formats (sarif,
// junit) keep what they need and write one document when the run ends.
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "newsnorm/core/diagnostic.hpp"

namespace newsnorm::cli {

class ReportWriter {
 public:
  virtual ~ReportWriter() = default;
  // One input, in input order, with every problem found in it (none for a clean file). Severities
  // are final: under --strict the caller has already made warnings errors. Appends to `out`
  // whatever can be written now.
  virtual void input(const std::string& path, std::span<const Diagnostic> problems, std::string& out) = 0;
  // The run is over: appends the rest (the whole document, for sarif and junit).
  virtual void finish(std::string& out) { (void)out; }
};

// The --format names, in the order --help lists them.
std::vector<std::string> report_format_names();
// A writer for one of report_format_names().
std::unique_ptr<ReportWriter> make_report_writer(const std::string& format);

std::unique_ptr<ReportWriter> make_sarif_writer();
std::unique_ptr<ReportWriter> make_junit_writer();

}  // namespace newsnorm::cli
