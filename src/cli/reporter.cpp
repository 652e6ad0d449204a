#include "reporter.hpp"

#include <cstdio>

#include <fmt/format.h>

namespace newsnorm::cli {

void Reporter::line(const std::string& text) {
  std::string out = text;
  out.push_back('\n');
  std::fwrite(out.data(), 1, out.size(), stderr);
}

void Reporter::report(const std::string& path, const InputOutcome& outcome) {
  const std::string shown = display_name(path);
  if (!quiet_)
    for (const auto& warning : outcome.warnings) line(format_diagnostic(shown, warning));
  if (outcome.error) line(format_diagnostic(shown, *outcome.error));
}

void Reporter::note(const std::string& message) {
  if (!quiet_) line("newsnorm: " + message);
}

void Reporter::summary(const IngestSummary& s) {
  if (quiet_) return;
  line(fmt::format("newsnorm: {} file{} read, {} record{} written, {} rejected, {} warning{}", s.files,
                   s.files == 1 ? "" : "s", s.records, s.records == 1 ? "" : "s", s.rejected, s.warnings,
                   s.warnings == 1 ? "" : "s"));
}

}  // namespace newsnorm::cli
