#pragma once
// The subcommands, and the option groups they share. Each command file registers its options on
// the app and returns how to run it.
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "newsnorm/config/config_resolver.hpp"
#include "newsnorm/core/limits.hpp"
#include "newsnorm/core/result.hpp"
#include "newsnorm/read/input_files.hpp"
#include "newsnorm/run/batch.hpp"
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
Command add_config_command(CLI::App& app);

// The threads to run on for --jobs N: N, or one per core when N is 0.
int threads_for(int jobs);

// The exit status documented for a fatal error of this kind.
int exit_code_for(FatalKind kind);

// Data to standard output; a failure to write it (a closed pipe, a full disk) ends the run with an
// output failure. flush_stdout() at the end, so that a failed last write is seen.
void write_stdout(std::string_view bytes);
void flush_stdout();

// Which inputs to read, and how hard to look at them: shared by the commands that read articles.
// What the CLI hears from a walk: named paths left out (with why) and paths skipped.
struct WalkHooks {
  std::function<void(const std::string& path, const std::string& why)> left_out;
  std::function<void(const SkippedPath&)> skipped;
};

// "; 31 skipped: 24 not articles, 5 ignored by .gitignore or .ignore, 2 newsnorm's own (...)" for a
// summary line; "" when nothing was skipped.
std::string skipped_clause(const SkipCounts& skipped);

struct InputSettings {
  std::vector<std::string> paths;
  std::string files_from;
  bool null_separated = false;
  bool hidden = false;
  bool no_ignore = false;            // --no-ignore: .gitignore, .ignore, .git/info/exclude are not read
  std::vector<std::string> types;    // --type: the article types a walk reads (md, html, ...)
  std::vector<std::string> include;  // --include: globs; only matching files are read, of any extension
  int jobs = 0;
  // What a newsnorm.toml can say too; an option given on the command line wins over the file.
  Limits limits;
  std::vector<std::string> providers;
  std::map<std::string, std::string> text;  // the text settings (base-url, assume-tz, duplicate-keys) by key
  std::vector<std::string> require;         // validate and config only
  std::vector<std::string> require_types;
  std::vector<std::string> exclude;
  std::string config_file;      // --config
  bool no_config = false;       // --no-config
  std::set<std::string> given;  // the options above given on the command line, by name ("max-bytes")

  // How the project configuration is chosen, and what the command line overrides in it.
  // Throws CLI::ValidationError on contradictory options.
  ConfigChoice config_choice(bool validating) const;
  int thread_count() const;
  // The inputs in order, without those the configurations leave out; `left_out` hears of each named
  // path (a PATH or a listed one) left out, and why. Throws CLI::ValidationError on contradictory
  // options, FatalError on a broken configuration.
  // `hooks` hear of what is left out and skipped; `own_files` are this run's state, database and
  // outputs, which a walk never reads.
  std::unique_ptr<InputStream> open(ConfigResolver& configs, const WalkHooks& hooks,
                                    const std::vector<std::string>& own_files = {}) const;
};
// The reading options and the project options below.
void add_input_options(CLI::App& command, InputSettings& settings);
// --config, --no-config, --exclude, and what a newsnorm.toml can also set (providers, base URL, zone,
// duplicate keys, limits).
void add_project_options(CLI::App& command, InputSettings& settings);
// --require and --require-types.
void add_require_options(CLI::App& command, InputSettings& settings);
// The per-input options of a run: those of the configuration that applies to each input.
OptionsForPath options_from(ConfigResolver& configs);
// Batch options whose per-input options come from the configuration that applies to each input.
void use_configs(BatchOptions& options, ConfigResolver& configs);

// How the tool talks on standard error.
struct LogSettings {
  std::string level = "info";
  std::string format = "text";
  bool quiet = false;
};
void add_log_options(CLI::App& command, LogSettings& settings);

}  // namespace newsnorm::cli
