#pragma once
// Everything the tool says on standard error goes through here, and from here through spdlog:
// diagnostics, notes, the summary, and the progress bar that must step aside for them.
// Standard output is for data only.
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <spdlog/logger.h>

#include "commands.hpp"
#include "newsnorm/core/diagnostic.hpp"
#include "progress_bar.hpp"

namespace newsnorm::cli {

class Reporter {
 public:
  explicit Reporter(const LogSettings& settings);

  void diagnostic(const std::string& path, const Diagnostic& diagnostic);
  void info(const std::string& message);
  void debug(const std::string& message);  // shown with --log-level debug
  void error(const std::string& message);
  // A named input the project configuration leaves out: a note, "path: note: skipped: excluded by ...".
  void left_out(const std::string& path, const std::string& why);
  // A path a folder walk passed over: a warning for what is not a regular file, else a debug note.
  void skipped(const SkippedPath& skip);
  WalkHooks walk_hooks();
  // A failure that ends the run: "newsnorm: error: ...", or the diagnostic object in JSON.
  void fatal(const Diagnostic& diagnostic, const std::string& path);

  void start_progress(std::optional<std::size_t> total);
  void tick();
  void finish_progress();

 private:
  // `text` is the line in text format; the JSON format writes `diagnostic` with `path`.
  void log(spdlog::level::level_enum level, const std::string& text, const std::string& path,
           const Diagnostic& diagnostic);

  bool json_;
  std::shared_ptr<spdlog::logger> logger_;
  std::optional<ProgressBar> progress_;
  bool progress_allowed_;
};

}  // namespace newsnorm::cli
