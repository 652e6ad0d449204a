#pragma once
// A project configuration: the newsnorm.toml a team keeps beside its content, saying what it wants
// fixed for that content (which files, which types, which fields, which limits), and how it merges
// with the built-in defaults and the command line. Parsing and merging are pure: text in, settings
// out; finding the files is config_resolver.hpp's.
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "newsnorm/core/json.hpp"
#include "newsnorm/core/limits.hpp"
#include "newsnorm/core/path_glob.hpp"
#include "newsnorm/core/result.hpp"
#include "newsnorm/model/vocabulary.hpp"

namespace newsnorm {

inline constexpr std::string_view kConfigFileName = "newsnorm.toml";

// Where a setting's value came from, as `newsnorm config` says it.
struct SettingOrigin {
  enum class Kind { builtin, file, command_line };
  Kind kind = Kind::builtin;
  std::string file;   // Kind::file: the configuration's path, as shown
  Position position;  // Kind::file: where in it

  static SettingOrigin command_line() { return {Kind::command_line, {}, {}}; }
  // "default", "path:line" or "command line".
  std::string describe() const;
};

// A glob of an exclude, include or [types] entry, with the folder it is relative to.
struct PathRule {
  PathGlob glob;
  std::string base;  // absolute folder
  SettingOrigin origin;
  std::string type;  // [types] only: the record type of the paths it matches
};

template <typename T>
struct Sourced {
  T value;
  SettingOrigin origin;
};

// The effective settings for some inputs: defaults, then a newsnorm.toml, then the command line.
struct ProjectConfig {
  std::string file;  // the newsnorm.toml applied, as shown in messages; empty when none
  std::string base;  // absolute: the folder its globs and paths are relative to

  std::vector<PathRule> exclude;  // the file's, then --exclude's; the last that matches decides
  std::vector<PathRule> include;  // when any: only the files one of them covers are read
  std::vector<PathRule> types;    // the last that covers a path gives its type
  std::map<std::string, Sourced<std::vector<std::string>>> required;  // record type ("*": any other) -> fields
  std::vector<Sourced<std::string>> providers;  // provider files or folders, absolute or relative to the cwd
  std::vector<Sourced<Alias>> aliases;          // header key -> record field, over the built-in table
  std::string base_url;
  std::string assume_tz;
  Limits limits;  // also --duplicate-keys
  // Where each setting that is one value came from, by key ("base-url", "limits.max-bytes");
  // a key not here has its default.
  std::map<std::string, SettingOrigin, std::less<>> origins;

  ProjectConfig();  // the defaults
  SettingOrigin origin_of(std::string_view key) const;
};

// Reads a newsnorm.toml over `config` (the defaults, normally). `shown` is its path as messages
// show it, `base` the absolute folder its globs and paths are relative to. The error's position is
// in the file, its message says what to do; unknown keys and values of the wrong type are errors.
Status apply_config_text(ProjectConfig& config, std::string_view text, const std::string& shown,
                         const std::string& base);

// What the command line says; every option given overrides the file, --exclude adds to it.
struct ConfigOverrides {
  std::vector<std::string> exclude;         // globs relative to the current folder
  std::vector<std::string> include;         // --include: added to the file's include list
  std::vector<std::string> providers;       // loaded after the file's, so they win
  std::map<std::string, std::string> text;  // the text settings given, by key ("base-url"), checked
  std::map<std::string, long long> limits;  // by name ("max-bytes")
  // --require / --require-types replace the whole [required] table.
  std::optional<std::vector<std::string>> require;
  std::optional<std::vector<std::string>> require_types;
};
// `cwd` is absolute. Fails (without a position) on a bad --exclude glob or field name.
Status apply_overrides(ProjectConfig& config, const ConfigOverrides& overrides, const std::string& cwd);

// What a configuration says of one path (absolute, lexically normal).
// The rule that leaves it out of the run, or null: the last exclude that matches it or a folder it
// is in (a file in an excluded folder stays excluded, as in .gitignore), else, for a file, the
// include list when none of it covers the path. `*not_included` says which it was.
const PathRule* exclusion_of(const ProjectConfig& config, const std::string& path, bool is_folder,
                             bool* not_included = nullptr);
// In words, for messages: "excluded by newsnorm.toml:3 (\".keep\")"; nullopt when the path is read.
// A newsnorm.toml is always left out: it is never an article, though `find` lists it.
std::optional<std::string> why_left_out(const ProjectConfig& config, const std::string& path, bool is_folder);
bool is_config_file(std::string_view path, bool is_folder);
// The [types] rule that gives the path its type, or null.
const PathRule* type_rule_of(const ProjectConfig& config, const std::string& path);

// `path` relative to `base` ('/'-separated); for a path outside `base`, the whole absolute path
// without its leading '/', so that only unanchored globs (`.keep`, `**/drafts/**`) can match it.
std::string relative_to(const std::string& path, const std::string& base);

// The settings of a newsnorm.toml that are one text each; the command line has an option of the same
// name for each (--base-url). Read, checked, overridden, shown and offered on the command line
// through this one table, as the limits are through limit_settings().
struct TextSetting {
  std::string_view key;
  std::string_view help;       // the option's help
  std::string_view type_name;  // the option's value in --help: URL, ZONE
  std::string_view example;    // a good value, as a message about a bad one shows it
  Status (*check)(std::string_view value);
  void (*set)(ProjectConfig& config, const std::string& value);  // after check()
  std::string (*get)(const ProjectConfig& config);               // as `newsnorm config` shows it
  bool guards_input = false;                                     // shown with the limits on hostile input in --help
};
std::span<const TextSetting> text_settings();
const TextSetting* text_setting(std::string_view key);  // null for a key that is none

// The keys a newsnorm.toml may hold at its top level, in the order `newsnorm config` prints them.
std::vector<std::string_view> config_keys();

// The checks and names a newsnorm.toml and the command line share: what is wrong with a value.
std::optional<DuplicateKeys> duplicate_keys_named(std::string_view name);  // "error", "first", "last"
std::string_view duplicate_keys_name(DuplicateKeys value);
Status check_limit(const LimitSetting& setting, long long value);
void set_limit(Limits& limits, const LimitSetting& setting, long long value);
long long get_limit(const Limits& limits, const LimitSetting& setting);

// The settings one by one, in the order a newsnorm.toml would hold them: for `newsnorm config`.
// List settings give one entry per item (`item` set) or one empty-list entry; a table without
// entries gives one entry with an empty key.
struct ConfigEntry {
  std::string table;  // "", "limits", "types", "required", "aliases"
  std::string key;
  Json value;
  SettingOrigin origin;
  bool item = false;
};
std::vector<ConfigEntry> config_entries(const ProjectConfig& config);

}  // namespace newsnorm
