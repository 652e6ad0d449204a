#include "reporter.hpp"

#include <unistd.h>

#include <chrono>

#include <fmt/chrono.h>
#include <spdlog/sinks/stdout_sinks.h>

#include "newsnorm/read/input_files.hpp"
#include "newsnorm/export/json_writer.hpp"

namespace newsnorm::cli {
namespace {

spdlog::level::level_enum parse_level(const std::string& name) {
  if (name == "warning") return spdlog::level::warn;
  if (name == "error") return spdlog::level::err;
  return spdlog::level::from_str(name);  // trace, debug, info, off
}

const char* level_name(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::err: return "error";
    case spdlog::level::warn: return "warning";
    case spdlog::level::debug: return "debug";
    case spdlog::level::trace: return "trace";
    default: return "info";
  }
}

}  // namespace

Reporter::Reporter(const LogSettings& settings)
    : json_(settings.format == "json"),
      logger_(std::make_shared<spdlog::logger>("newsnorm", std::make_shared<spdlog::sinks::stderr_sink_mt>())),
      progress_allowed_(!settings.quiet && !json_ && ::isatty(STDERR_FILENO)) {
  logger_->set_pattern("%v");  // the text is formatted here, in the form compilers use
  logger_->set_level(settings.quiet ? spdlog::level::err : parse_level(settings.level));
}

void Reporter::log(spdlog::level::level_enum level, const std::string& text, const std::string& message,
                   const std::string* path, const Diagnostic* diagnostic) {
  if (!logger_->should_log(level)) return;
  if (progress_) progress_->clear();
  if (!json_) {
    logger_->log(level, text);
    return;
  }
  std::string line;
  JsonWriter w(line);
  w.begin_object();
  w.key("time"), w.string(fmt::format("{:%Y-%m-%dT%H:%M:%S}Z", fmt::gmtime(std::chrono::system_clock::now())));
  w.key("level"), w.string(level_name(level));
  if (path) w.key("path"), w.string(*path);
  if (diagnostic && diagnostic->position.line > 0) w.key("line"), w.integer(diagnostic->position.line);
  if (diagnostic && diagnostic->position.column > 0) w.key("column"), w.integer(diagnostic->position.column);
  w.key("message"), w.string(message);
  w.end_object();
  logger_->log(level, line);
}

void Reporter::diagnostic(const std::string& path, const Diagnostic& d) {
  const auto level = d.severity == Severity::error ? spdlog::level::err : spdlog::level::warn;
  const std::string shown = display_name(path);
  if (!logger_->should_log(level)) return;
  log(level, format_diagnostic(shown, d), d.message, &shown, &d);
}

void Reporter::info(const std::string& message) {
  log(spdlog::level::info, "newsnorm: " + message, message, nullptr, nullptr);
}

void Reporter::error(const std::string& message) {
  log(spdlog::level::err, "newsnorm: error: " + message, message, nullptr, nullptr);
}

void Reporter::start_progress(std::optional<std::size_t> total) { progress_.emplace(progress_allowed_, total); }

void Reporter::tick() {
  if (progress_) progress_->tick();
}

void Reporter::finish_progress() {
  if (progress_) progress_->finish();
}

}  // namespace newsnorm::cli
