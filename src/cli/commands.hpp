#pragma once
// The subcommands, and the option groups they share. Each command file registers its options on
// the app and returns how to run it.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "newsnorm/core/limits.hpp"
#include "newsnorm/core/result.hpp"
#include "newsnorm/read/input_files.hpp"
#include "newsnorm/run/ingest.hpp"

namespace newsnorm::cli {

// Exit statuses scripts can rely on.
enum ExitCode : int {
  kOk = 0,            // every input became a record / validation found nothing
  kRejected = 1,      // some inputs were rejected / validation found errors
  kUsage = 2,         // the command line is wrong
  kOutputFailed = 3,  // the output (or the state) could not be written
  kStateLocked = 4,   // another run holds the state and --wait was not given
};

struct LogSettings;

// A subcommand: how to run it, and how it talks (so a fatal error is said the way the user asked).
struct Command {
  std::function<int()> run;
  std::shared_ptr<const LogSettings> log;
};

Command add_ingest_command(CLI::App& app);
Command add_validate_command(CLI::App& app);
Command add_fix_command(CLI::App& app);
Command add_schema_command(CLI::App& app);
Command add_stories_command(CLI::App& app);

// The exit status documented for a fatal error of this kind.
int exit_code_for(FatalKind kind);

// Which inputs to read, and how hard to look at them: shared by ingest and validate.
struct InputSettings {
  std::vector<std::string> paths;
  std::string files_from;
  bool null_separated = false;
  bool hidden = false;
  int jobs = 0;
  Limits limits;
  std::vector<std::string> providers;
  std::string base_url;
  std::string assume_tz;

  // Limits and the provider registry (built-in, then each --providers in order).
  IngestOptions ingest_options() const;

  int thread_count() const;
  // The inputs in order; throws CLI::ValidationError on contradictory options.
  std::unique_ptr<InputStream> open() const;
};
void add_input_options(CLI::App& command, InputSettings& settings);

// How the tool talks on standard error.
struct LogSettings {
  std::string level = "info";
  std::string format = "text";
  bool quiet = false;
};
void add_log_options(CLI::App& command, LogSettings& settings);

}  // namespace newsnorm::cli
