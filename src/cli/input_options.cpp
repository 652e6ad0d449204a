#include <filesystem>
#include <map>
#include <thread>

#include <fmt/format.h>

#include "commands.hpp"

namespace newsnorm::cli {
namespace {

// Remembers that an option was given, so that only given options override a newsnorm.toml.
CLI::Option* noted(CLI::Option* option, InputSettings& settings, std::string name) {
  return option->each([&settings, name = std::move(name)](const std::string&) { settings.given.insert(name); });
}

// A CLI11 check from a check shared with newsnorm.toml (config/project_config.hpp).
std::function<std::string(const std::string&)> cli_check(Status (*check)(std::string_view)) {
  return [check](const std::string& value) {
    const Status checked = check(value);
    return checked ? std::string() : checked.error().message;
  };
}

void add_text_setting(CLI::App& command, InputSettings& settings, const TextSetting& setting, const char* group) {
  const std::string key(setting.key);
  settings.text[key] = setting.get(ProjectConfig());  // the default, as --help shows it
  noted(command.add_option("--" + key, settings.text[key], std::string(setting.help)), settings, key)
      ->type_name(std::string(setting.type_name))
      ->check(cli_check(setting.check))
      ->group(group);
}

}  // namespace

std::string skipped_clause(const SkipCounts& skipped) {
  if (skipped.total() == 0) return {};
  return fmt::format("; {} skipped: {} (--log-level debug lists them)", skipped.total(), skipped.describe());
}

int threads_for(int jobs) {
  if (jobs > 0) return jobs;
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

int InputSettings::thread_count() const { return threads_for(jobs); }

ConfigChoice InputSettings::config_choice(bool validating) const {
  if (!config_file.empty() && no_config)
    throw CLI::ValidationError("--no-config", "--config and --no-config contradict each other: give one");
  ConfigChoice choice;
  choice.file = config_file;
  choice.discover = !no_config;
  choice.validating = validating;
  choice.cwd = std::filesystem::current_path().string();
  ConfigOverrides& overrides = choice.overrides;
  overrides.exclude = exclude;
  overrides.include = include;
  overrides.providers = providers;
  const auto given_ = [&](const std::string& name) { return given.count(name) > 0; };
  for (const TextSetting& setting : text_settings())
    if (given_(std::string(setting.key))) overrides.text[std::string(setting.key)] = text.at(std::string(setting.key));
  for (const LimitSetting& setting : limit_settings())
    if (given_(std::string(setting.name))) overrides.limits[std::string(setting.name)] = get_limit(limits, setting);
  if (given_("require")) overrides.require = require;
  if (given_("require-types")) overrides.require_types = require_types;
  return choice;
}

std::unique_ptr<InputStream> InputSettings::open(ConfigResolver& configs, const WalkHooks& hooks,
                                                 const std::vector<std::string>& own_files) const {
  const bool stdin_path = std::find(paths.begin(), paths.end(), "-") != paths.end();
  if (files_from == "-" && stdin_path)
    throw CLI::ValidationError("--files-from -", "standard input cannot be both the list of files and an article");
  std::vector<std::string> roots = paths;
  if (roots.empty() && files_from.empty()) roots.push_back("-");
  WalkOptions walk;
  walk.hidden = hidden;
  walk.ignore_files = !no_ignore;
  if (!types.empty()) {
    Result<std::vector<std::string>> extensions = extensions_of_types(types);
    if (!extensions) throw CLI::ValidationError("--type", extensions.error().message);
    walk.extensions = std::move(extensions).value();
  }
  // A file the configuration names by include or [types] is read whatever its extension.
  walk.wanted_anyway = [&configs](const std::string& path) {
    FatalResult<const AppliedConfig*> applied = configs.for_path(path, false);
    if (!applied) return false;  // the walk's leave_out has said why already
    const ProjectConfig& config = *applied.value()->config;
    return !config.include.empty() || type_rule_of(config, configs.absolute(path)) != nullptr;
  };
  walk.own_names = {std::string(kConfigFileName)};
  for (const std::string& own : own_files) {
    if (own.empty() || own == "-") continue;
    const std::string absolute = std::filesystem::absolute(own).lexically_normal().string();
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) walk.own_paths.push_back(absolute + suffix);
  }
  walk.skipped = hooks.skipped;
  walk.leave_out = [&configs](const std::string& path, bool is_folder) -> FatalResult<std::optional<std::string>> {
    FatalResult<const AppliedConfig*> applied = configs.for_path(path, is_folder);
    if (!applied) return std::move(applied).error();
    const ProjectConfig& config = *applied.value()->config;
    if (config.exclude.empty() && config.include.empty() && !is_config_file(path, is_folder))
      return std::optional<std::string>();
    return why_left_out(config, configs.absolute(path), is_folder);
  };
  walk.named_left_out = hooks.left_out;
  std::unique_ptr<InputStream> inputs = value_or_throw(InputStream::open(roots, walk));
  if (!files_from.empty()) value_or_throw(inputs->add_list(files_from, null_separated ? '\0' : '\n'));
  return inputs;
}

OptionsForPath options_from(ConfigResolver& configs) {
  return [&configs](const std::string& path) -> FatalResult<const IngestOptions*> {
    FatalResult<const AppliedConfig*> applied = configs.for_path(path, false);
    if (!applied) return std::move(applied).error();
    return &applied.value()->ingest;
  };
}

void use_configs(BatchOptions& options, ConfigResolver& configs) { options.options_for = options_from(configs); }

void add_input_options(CLI::App& command, InputSettings& settings) {
  command.add_option("PATH", settings.paths,
                     "Files or folders to read (folders recursively, in path order); '-' reads one article from "
                     "standard input, as does giving no PATH and no --files-from");
  command
      .add_option("--files-from", settings.files_from,
                  "Also read the paths listed in FILE, one per line ('-' for standard input)")
      ->type_name("FILE");
  command.add_flag("-0,--null", settings.null_separated,
                   "Paths in --files-from are separated by NUL bytes, as `find -print0` writes them");
  const char* walk_group = "What a folder walk reads (files named explicitly are always read)";
  command.add_flag("--hidden", settings.hidden, "Also read files and folders whose names start with '.'")
      ->group(walk_group);
  command
      .add_option("--type", settings.types,
                  fmt::format("Read only these article types in a walk (comma-separated: {}); default: all of them",
                              known_types()))
      ->type_name("TYPE")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->group(walk_group);
  command
      .add_option("--include", settings.include,
                  "Read only files matching GLOB (gitignore-style, relative to the current folder), of any "
                  "extension; repeatable")
      ->type_name("GLOB")
      ->allow_extra_args(false)
      ->group(walk_group);
  command
      .add_flag("--no-ignore", settings.no_ignore,
                "Do not honour .gitignore, .ignore and .git/info/exclude (.git and node_modules stay skipped)")
      ->group(walk_group);
  command
      .add_option("-j,--jobs", settings.jobs,
                  "Parse on N threads (default: one per core); output order never "
                  "depends on N")
      ->check(CLI::Range(0, 256));
  add_project_options(command, settings);
}

void add_project_options(CLI::App& command, InputSettings& settings) {
  const char* config_group = "Project configuration (newsnorm.toml; see 'newsnorm config --help')";
  command
      .add_option("--config", settings.config_file,
                  "Use this newsnorm.toml for every input instead of the nearest one above each input")
      ->type_name("FILE")
      ->group(config_group);
  command.add_flag("--no-config", settings.no_config, "Use no newsnorm.toml, only the defaults and the options given")
      ->group(config_group);
  command
      .add_option("--exclude", settings.exclude,
                  "Leave out paths matching GLOB (gitignore-style, relative to the current folder), besides "
                  "the configuration's exclude; repeatable")
      ->type_name("GLOB")
      ->allow_extra_args(false)
      ->group(config_group);

  noted(command.add_option("--providers", settings.providers,
                           "Also name providers from PATH: a YAML file mapping domains to names, or a folder of "
                           "organization files (like _data/organizations); repeatable, later ones win"),
        settings, "providers")
      ->type_name("PATH")
      ->allow_extra_args(false)
      ->check(CLI::ExistingPath);
  for (const TextSetting& setting : text_settings())
    if (!setting.guards_input) add_text_setting(command, settings, setting, config_group);

  const char* group = "Limits on hostile input";
  for (const LimitSetting& setting : limit_settings()) {
    const std::string name(setting.name);
    CLI::Option* option = std::visit(
        [&](auto member) {
          return command.add_option("--" + name, settings.limits.*member, std::string(setting.help));
        },
        setting.member);
    noted(option, settings, name)->capture_default_str()->group(group);
    if (setting.max > 0) option->check(CLI::Range(setting.min, setting.max));
  }
  for (const TextSetting& setting : text_settings())
    if (setting.guards_input) add_text_setting(command, settings, setting, group);
}

void add_require_options(CLI::App& command, InputSettings& settings) {
  const ValidationRules defaults;  // what --help shows as the default
  settings.require = defaults.required.begin()->second;
  settings.require_types = {defaults.required.begin()->first};
  noted(command.add_option("--require", settings.require,
                           "Fields each record must have (comma-separated); with --require-types, replaces the "
                           "configuration's [required] table"),
        settings, "require")
      ->allow_extra_args(false)
      ->delimiter(',')
      ->capture_default_str();
  noted(command.add_option("--require-types", settings.require_types,
                           "Record types the required fields apply to ('*' for every type)"),
        settings, "require-types")
      ->allow_extra_args(false)
      ->delimiter(',')
      ->capture_default_str();
}

void add_log_options(CLI::App& command, LogSettings& settings) {
  const char* group = "Messages (standard error)";
  command.add_flag("-q,--quiet", settings.quiet, "Errors only: no warnings, no summary, no progress bar")->group(group);
  command.add_option("--log-level", settings.level, "Least severe message to show")
      ->check(CLI::IsMember({"trace", "debug", "info", "warning", "error", "off"}))
      ->capture_default_str()
      ->group(group);
  command
      .add_option("--log-format", settings.format,
                  "text: 'path:line:column: error: message'; json: one JSON object per line, for log collectors")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str()
      ->group(group);
}

}  // namespace newsnorm::cli
