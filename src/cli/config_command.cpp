// `newsnorm config`: the effective project configuration for some inputs, and where each value
// came from (the default, a newsnorm.toml's line, or the command line).
#include <cstdio>
#include <filesystem>

#include <fmt/format.h>

#include "commands.hpp"
#include "newsnorm/model/record_fields.hpp"
#include "reporter.hpp"

namespace newsnorm::cli {
namespace {

struct ConfigSettings {
  InputSettings input;
  LogSettings log;
  std::string format = "toml";
};

// What the configuration says of one path named.
struct PathFacts {
  std::string path;
  bool folder = false;
  std::optional<std::string> left_out;  // why it is not read
  const PathRule* type = nullptr;       // the [types] entry that gives its type
};

// The inputs that share one configuration.
struct Group {
  const AppliedConfig* applied;
  std::vector<PathFacts> paths;
};

std::string toml_key(const std::string& key) {
  const bool bare = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  });
  return bare ? key : Json(key).dump();
}

// JSON strings, integers and lists of them are TOML as they are, once lists get their spaces.
std::string toml_value(const Json& value) {
  if (!value.is_array()) return value.dump();
  std::vector<std::string> items;
  for (const Json& item : value) items.push_back(item.dump());
  return fmt::format("[{}]", fmt::join(items, ", "));
}

std::string type_text(const PathRule& rule) {
  return fmt::format("type {} when its header names none (types.{} at {})", Json(rule.type).dump(),
                     toml_key(rule.glob.text()), rule.origin.describe());
}

std::string render_toml(const Group& group, const std::string& cwd) {
  const ProjectConfig& config = *group.applied->config;
  std::string out;
  if (config.file.empty())
    out += "# No newsnorm.toml applies: the defaults and the command line.\n";
  else
    out += fmt::format("# From {}; its globs and paths are relative to {}.\n", config.file, config.base);
  if (std::any_of(config.exclude.begin(), config.exclude.end(),
                  [](const PathRule& r) { return r.origin.kind == SettingOrigin::Kind::command_line; }))
    out += fmt::format("# --exclude globs are relative to {}.\n", cwd);
  for (const PathFacts& facts : group.paths) {
    out += "# " + display_name(facts.path) + ": ";
    if (facts.left_out)
      out += "left out, " + *facts.left_out;
    else if (facts.folder)
      out += "walked";
    else
      out += facts.type ? "read; " + type_text(*facts.type) : "read";
    out += "\n";
  }
  out += "\n";
  std::string table = "";
  std::string open_list;  // the key of a list being written one item a line
  const auto close_list = [&] {
    if (!open_list.empty()) out += "]\n";
    open_list.clear();
  };
  for (const ConfigEntry& entry : config_entries(config)) {
    if (entry.table != table || (!entry.item || entry.key != open_list)) close_list();
    if (entry.table != table) {
      table = entry.table;
      out += fmt::format("\n[{}]\n", table);
    }
    if (entry.key.empty()) {
      out += "# none\n";
      continue;
    }
    const std::string origin = "  # " + entry.origin.describe() + "\n";
    if (entry.item) {
      if (open_list.empty()) out += toml_key(entry.key) + " = [\n";
      open_list = entry.key;
      out += "  " + toml_value(entry.value) + "," + origin;
      continue;
    }
    out += toml_key(entry.key) + " = " + toml_value(entry.value) + origin;
  }
  close_list();
  return out;
}

std::string render_json(const Group& group) {
  const ProjectConfig& config = *group.applied->config;
  Json out = Json::object();
  out["config"] = config.file.empty() ? Json() : Json(config.file);
  out["base"] = config.base;
  Json& paths = out["paths"] = Json::array();
  for (const PathFacts& facts : group.paths) {
    Json item = {{"path", facts.path}, {"folder", facts.folder}, {"read", !facts.left_out}};
    item["leftOut"] = facts.left_out ? Json(*facts.left_out) : Json();
    item[std::string(key_of(&Article::type))] = facts.type ? Json(facts.type->type) : Json();
    item["typeOrigin"] = facts.type ? Json(facts.type->origin.describe()) : Json();
    paths.push_back(std::move(item));
  }
  Json& settings = out["settings"] = Json::object();
  for (const ConfigEntry& entry : config_entries(config)) {
    Json& holder = entry.table.empty() ? settings : settings[entry.table];
    if (holder.is_null()) holder = Json::object();
    if (entry.key.empty()) continue;
    const Json value = {{"value", entry.value}, {"origin", entry.origin.describe()}};
    if (entry.item)
      holder[entry.key].push_back(value);
    else if (entry.value.is_array() && entry.value.empty() && entry.table.empty())
      holder[entry.key] = Json::array();
    else
      holder[entry.key] = value;
  }
  return out.dump() + "\n";
}

int run_config(const ConfigSettings& settings) {
  const auto resolver = value_or_throw(ConfigResolver::open(settings.input.config_choice(true)));
  ConfigResolver& configs = *resolver;
  std::vector<std::string> paths = settings.input.paths;
  if (paths.empty()) paths.push_back(".");
  std::vector<Group> groups;
  for (const std::string& path : paths) {
    std::error_code error;
    const bool folder = path != "-" && std::filesystem::is_directory(path, error);
    const AppliedConfig& applied = *value_or_throw(configs.for_path(path, folder));  // "-": the current folder's
    auto group = std::find_if(groups.begin(), groups.end(), [&](const Group& g) { return g.applied == &applied; });
    if (group == groups.end()) group = groups.insert(groups.end(), Group{&applied, {}});
    PathFacts facts{path, folder, std::nullopt, nullptr};
    if (path != "-") {
      const std::string absolute = configs.absolute(path);
      facts.left_out = why_left_out(*applied.config, absolute, folder);
      if (!folder) facts.type = type_rule_of(*applied.config, absolute);
    }
    group->paths.push_back(std::move(facts));
  }
  std::string out;
  for (const Group& group : groups) {
    if (settings.format == "json") {
      out += render_json(group);
    } else {
      if (!out.empty()) out += "\n";
      out += render_toml(group, configs.choice().cwd);
    }
  }
  write_stdout(out);
  flush_stdout();
  return kOk;
}

}  // namespace

Command add_config_command(CLI::App& app) {
  auto settings = std::make_shared<ConfigSettings>();
  CLI::App* command = app.add_subcommand("config",
                                         "Print the project configuration (newsnorm.toml) that applies, and where each "
                                         "value came from");
  command->footer(
      "A newsnorm.toml keeps a team's choices beside its content. For each input, ingest and validate\n"
      "use the nearest newsnorm.toml in the input's folder or above it, up to the repository's root (a\n"
      "folder holding .git); --config FILE names one for every input, --no-config uses none. Options\n"
      "given on the command line win over the file; --exclude adds to its exclude list. A newsnorm.toml\n"
      "is never read as an article.\n\n"
      "Globs are gitignore-style: * and ? within a name, ** for any folders, a leading / anchors to the\n"
      "file's folder, a trailing / matches folders, ! re-includes (in exclude; not from inside an\n"
      "excluded folder). A glob with no / but a trailing one matches at any depth. A file named on the\n"
      "command line or in --files-from that is left out is skipped with a note; a walked one silently.\n"
      "A header's own type wins over [types].\n\n"
      "This command prints the settings for each PATH (default: the current folder), each value with\n"
      "its origin: default, FILE:LINE or command line; and for each PATH, whether it is read and the\n"
      "type [types] gives it. Exit status: 0; 2 when a configuration is broken (its file, line and\n"
      "column are named).\n\n"
      "Example newsnorm.toml:\n"
      "  exclude = [\".keep\", \"drafts/\"]       # globs, relative to the file's folder\n"
      "  include = [\"*.md\", \"*.yaml\"]         # when given, only the files these match are read\n"
      "  providers = [\"_data/organizations\"]  # like --providers\n"
      "  base-url = \"https://example.com\"     # also assume-tz and duplicate-keys\n"
      "  [limits]\n"
      "  max-bytes = 1048576                  # every --max-* option, without the dashes\n"
      "  [types]                              # the type of records whose header names none\n"
      "  \"_data/organizations/**\" = \"organization\"\n"
      "  [required]                           # the fields validate requires, per type ('*': others)\n"
      "  article = [\"title\", \"url\", \"publishedDateTime\"]\n"
      "  organization = [\"title\"]\n"
      "  [aliases]                            # more header keys read into record fields\n"
      "  name = \"title\"\n\n"
      "Examples:\n"
      "  newsnorm config                                  the settings for the current folder\n"
      "  newsnorm config _data/organizations/bbc.com.md   is it read, and as which type?\n"
      "  newsnorm config --format json content/ | jq '.settings.limits'\n"
      "  newsnorm config --config ci/newsnorm.toml --max-bytes 100000 content/\n"
      "  newsnorm validate --config tests/fixtures/config/powerapps.toml ../shared/corpus/powerapps");
  command->add_option("PATH", settings->input.paths, "Files or folders whose configuration to print (default: .)");
  command
      ->add_option("--format", settings->format,
                   "toml (with origins as comments) or json (one object per "
                   "configuration)")
      ->check(CLI::IsMember({"toml", "json"}))
      ->capture_default_str();
  add_project_options(*command, settings->input);
  add_require_options(*command, settings->input);
  add_log_options(*command, settings->log);
  return {[settings] { return run_config(*settings); }, {settings, &settings->log}};
}

}  // namespace newsnorm::cli
