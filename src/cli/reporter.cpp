#include "reporter.hpp"

#include <unistd.h>

#include <spdlog/sinks/stdout_sinks.h>

#include "newsnorm/core/json_writer.hpp"
#include "newsnorm/read/input_files.hpp"

namespace newsnorm::cli {
namespace {

spdlog::level::level_enum parse_level(const std::string& name) {
  if (name == "warning") return spdlog::level::warn;
  if (name == "error") return spdlog::level::err;
  return spdlog::level::from_str(name);  // trace, debug, info, off
}

}  // namespace

Reporter::Reporter(const LogSettings& settings)
    : json_(settings.format == "json"),
      logger_(std::make_shared<spdlog::logger>("newsnorm", std::make_shared<spdlog::sinks::stderr_sink_mt>())),
      progress_allowed_(!settings.quiet && !json_ && ::isatty(STDERR_FILENO)) {
  logger_->set_pattern("%v");  // the text is formatted here, in the form compilers use
  logger_->set_level(settings.quiet ? spdlog::level::err : parse_level(settings.level));
}

void Reporter::log(spdlog::level::level_enum level, const std::string& text, const std::string& path,
                   const Diagnostic& diagnostic) {
  if (!logger_->should_log(level)) return;
  if (progress_) progress_->clear();
  if (!json_) {
    logger_->log(level, text);
    return;
  }
  // The same object --errors and `validate --format json` write for the same problem.
  std::string line;
  append_diagnostic_json(line, path, diagnostic);
  line.pop_back();  // the logger ends the line
  logger_->log(level, line);
}

void Reporter::diagnostic(const std::string& path, const Diagnostic& d) {
  const auto level = d.severity == Severity::error     ? spdlog::level::err
                     : d.severity == Severity::warning ? spdlog::level::warn
                                                       : spdlog::level::info;
  const std::string shown = display_name(path);
  if (!logger_->should_log(level)) return;
  log(level, format_diagnostic(shown, d), shown, d);
}

void Reporter::info(const std::string& message) {
  // Talk that is not about an input: the same object with no path, position or code.
  const Diagnostic note{Severity::note, nullptr, {}, message, nullptr};
  log(spdlog::level::info, "newsnorm: " + message, "", note);
}

void Reporter::debug(const std::string& message) {
  const Diagnostic note{Severity::note, nullptr, {}, message, nullptr};
  log(spdlog::level::debug, "newsnorm: " + message, "", note);
}

void Reporter::error(const std::string& message) {
  log(spdlog::level::err, "newsnorm: error: " + message, "",
      Diagnostic{Severity::error, nullptr, {}, message, nullptr});
}

void Reporter::left_out(const std::string& path, const std::string& why) {
  diagnostic(path, Diagnostic{Severity::note, &code::input_excluded, {}, "skipped: " + why, nullptr});
}

void Reporter::skipped(const SkippedPath& skip) {
  // What a user may not know is there (a dangling link, a FIFO) is a warning; the rest is counted in
  // the summary and listed with --log-level debug.
  if (skip.reason == SkipReason::special) {
    diagnostic(skip.path, make_warning(code::walk_special, {}, fmt::format("not read: {}", skip.detail)));
    return;
  }
  if (!logger_->should_log(spdlog::level::debug)) return;
  diagnostic(skip.path, Diagnostic{Severity::note, nullptr, {}, "skipped: " + skip.detail, nullptr});
}

WalkHooks Reporter::walk_hooks() {
  return {[this](const std::string& path, const std::string& why) { left_out(path, why); },
          [this](const SkippedPath& skip) { skipped(skip); }};
}

void Reporter::fatal(const Diagnostic& diagnostic, const std::string& path) {
  // A problem at a place in a file (a newsnorm.toml) is said the way compilers say it.
  const std::string text = diagnostic.position.line > 0 && !path.empty() ? format_diagnostic(path, diagnostic)
                                                                         : "newsnorm: error: " + diagnostic.message;
  log(spdlog::level::err, text, path, diagnostic);
}

void Reporter::start_progress(std::optional<std::size_t> total) { progress_.emplace(progress_allowed_, total); }

void Reporter::tick() {
  if (progress_) progress_->tick();
}

void Reporter::finish_progress() {
  if (progress_) progress_->finish();
}

}  // namespace newsnorm::cli
