#include "newsnorm/config/project_config.hpp"

#include <algorithm>
#include <filesystem>
#include <functional>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "newsnorm/core/json.hpp"
#include "newsnorm/core/json_writer.hpp"
#include "newsnorm/model/datetime.hpp"
#include "newsnorm/model/record_fields.hpp"
#include "newsnorm/model/validation_rules.hpp"

namespace newsnorm {
namespace fs = std::filesystem;
namespace {

// The keys of lists of texts, before the text settings; the tables after them.
constexpr std::string_view kListKeys[] = {"exclude", "include", "providers"};
constexpr std::string_view kTableKeys[] = {"limits", "types", "required", "aliases"};

// A problem with a value, in the words a check gives.
Status bad_value(std::string message) { return make_error(code::config_invalid, {}, std::move(message)); }

Status check_base_url(std::string_view url) {
  // Empty is the default: no base, site-relative addresses stay as they are.
  if (url.empty() || url.starts_with("http://") || url.starts_with("https://")) return ok();
  return bad_value("give an absolute http(s) URL");
}

Status check_assume_tz(std::string_view zone) {
  if (parse_zone_offset(zone)) return ok();
  return bad_value("not a zone this tool reads: give an offset such as +05:30, or UTC");
}

Status check_duplicate_keys(std::string_view name) {
  return duplicate_keys_named(name) ? ok() : bad_value("give error, first or last");
}

const TextSetting kTextSettings[] = {
    {"base-url", "Resolve site-relative addresses (a permalink such as /2013/11/post/) against URL", "URL",
     "\"https://example.com\"", check_base_url,
     [](ProjectConfig& config, const std::string& value) { config.base_url = value; },
     [](const ProjectConfig& config) { return config.base_url; }},
    {"assume-tz", "Read dates that name no zone in ZONE (+05:30, -0800, UTC, EST…) instead of UTC", "ZONE",
     "\"+05:30\" or \"UTC\"", check_assume_tz,
     [](ProjectConfig& config, const std::string& value) { config.assume_tz = value; },
     [](const ProjectConfig& config) { return config.assume_tz.empty() ? std::string("UTC") : config.assume_tz; }},
    {"duplicate-keys",
     "A key given twice in a YAML or JSON header: reject the file (error), or keep the first or the last value "
     "(last is what Jekyll does), with a warning naming both lines",
     "error|first|last", "\"last\"", check_duplicate_keys,
     [](ProjectConfig& config, const std::string& value) {
       config.limits.duplicate_keys = duplicate_keys_named(value).value_or(DuplicateKeys::error);
     },
     [](const ProjectConfig& config) { return std::string(duplicate_keys_name(config.limits.duplicate_keys)); }, true},
};

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// " (did you mean 'max-bytes'?)" when a known name is a typo away (max_bytes, maxbytes, exlude).
std::string suggestion(std::string_view given, const std::vector<std::string>& known) {
  std::string best;
  std::size_t best_distance = 3;
  for (const auto& name : known)
    if (const std::size_t d = edit_distance(given, name); d < best_distance) {
      best_distance = d;
      best = name;
    }
  return best.empty() ? std::string() : fmt::format(" (did you mean '{}'?)", best);
}

const char* kind_of(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "a list";
    case toml::node_type::string: return "text";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number with a fraction";
    case toml::node_type::boolean: return "a boolean";
    default: return "a date or time";
  }
}

Status check_type_name(std::string_view name) { return name.empty() ? bad_value("give a name") : ok(); }

struct Rejected {
  Diagnostic diagnostic;
};

// Reads one newsnorm.toml into a ProjectConfig; every problem is a Rejected with its position.
class ConfigReader {
 public:
  ConfigReader(ProjectConfig& config, const std::string& shown, const std::string& base)
      : config_(config), shown_(shown), base_(base) {}

  void read(const toml::table& root) {
    for (const auto& [key, node] : in_file_order(root)) {
      const std::string name(key->str());
      if (name == "exclude" || name == "include") {
        auto& rules = name == "exclude" ? config_.exclude : config_.include;
        for (const toml::node* item : strings(*key, *node, name, "globs", "[\"drafts/\", \"*.tmp\"]"))
          rules.push_back(rule(*item, name));
      } else if (name == "providers") {
        for (const toml::node* item :
             strings(*key, *node, name, "provider files or folders", "[\"_data/organizations\"]")) {
          const std::string path = (fs::path(base_) / item->as_string()->get()).lexically_normal().string();
          config_.providers.push_back({path, origin(*item)});
        }
      } else if (const TextSetting* setting = text_setting(name)) {
        setting->set(config_, checked_text(*key, *node, name, setting->check, setting->example));
        config_.origins[name] = at(key->source().begin);
      } else if (name == "limits") {
        read_limits(*key, *node);
      } else if (name == "types") {
        for (const auto& [glob, type] : entries(*key, *node, name)) {
          const std::string type_name = checked_text(*glob, *type, "types.\"" + std::string(glob->str()) + "\"",
                                                     check_type_name, "\"organization\"");
          PathRule type_rule = rule_from(glob->str(), glob->source().begin, "types");
          if (type_rule.glob.negated()) fail(glob->source().begin, "a [types] glob cannot be negated with '!'");
          type_rule.type = type_name;
          config_.types.push_back(std::move(type_rule));
        }
      } else if (name == "required") {
        read_required(*key, *node);
      } else if (name == "aliases") {
        read_aliases(*key, *node);
      } else {
        std::vector<std::string> known;
        for (const std::string_view top : config_keys()) known.emplace_back(top);
        fail(key->source().begin,
             fmt::format("unknown key '{}'{}; the keys are {}", name, suggestion(name, known), fmt::join(known, ", ")));
      }
    }
  }

 private:
  using Entry = std::pair<const toml::key*, const toml::node*>;

  [[noreturn]] void fail(const toml::source_position& where, std::string message) const {
    Position position;
    if (where) position = {static_cast<int>(where.line), static_cast<int>(where.column)};
    throw Rejected{make_error(code::config_invalid, position, std::move(message))};
  }

  SettingOrigin origin(const toml::node& node) const { return at(node.source().begin); }
  SettingOrigin at(const toml::source_position& where) const {
    return {SettingOrigin::Kind::file, shown_, {static_cast<int>(where.line), static_cast<int>(where.column)}};
  }

  // toml++ keeps keys sorted; the file's own order matters ([types]: the last match wins).
  static std::vector<Entry> in_file_order(const toml::table& table) {
    std::vector<Entry> out;
    for (const auto& [key, node] : table) out.emplace_back(&key, &node);
    std::stable_sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) {
      const auto& pa = a.first->source().begin;
      const auto& pb = b.first->source().begin;
      return pa.line != pb.line ? pa.line < pb.line : pa.column < pb.column;
    });
    return out;
  }

  std::vector<Entry> entries(const toml::key& key, const toml::node& node, const std::string& name) const {
    const toml::table* table = node.as_table();
    if (!table)
      fail(node.source().begin ? node.source().begin : key.source().begin,
           fmt::format("{} should be a table, but is {}; write it as a [{}] section", name, kind_of(node), name));
    return in_file_order(*table);
  }

  std::vector<const toml::node*> strings(const toml::key& key, const toml::node& node, const std::string& name,
                                         const char* what, const char* example) const {
    const toml::array* array = node.as_array();
    if (!array)
      fail(where(key, node), fmt::format("{} should be a list of {}, but is {}; write it as {} = {}", name, what,
                                         kind_of(node), name, example));
    std::vector<const toml::node*> out;
    for (const toml::node& item : *array) {
      if (!item.is_string() || item.as_string()->get().empty())
        fail(where(key, item), fmt::format("each item of {} should be {} as text, but this one is {}; write {} = {}",
                                           name, what, item.is_string() ? "empty text" : kind_of(item), name, example));
      out.push_back(&item);
    }
    return out;
  }

  static toml::source_position where(const toml::key& key, const toml::node& node) {
    return node.source().begin ? node.source().begin : key.source().begin;
  }

  // Text whose value `check` accepts.
  std::string checked_text(const toml::key& key, const toml::node& node, const std::string& name,
                           Status (*check)(std::string_view), std::string_view example) const {
    const auto* text = node.as_string();
    if (!text)
      fail(where(key, node),
           fmt::format("{} should be text, but is {}; write {} = {}", name, kind_of(node), name, example));
    if (check)
      if (const Status checked = check(text->get()); !checked)
        fail(where(key, node), fmt::format("{} = \"{}\": {}", name, text->get(), checked.error().message));
    return text->get();
  }

  PathRule rule(const toml::node& item, const std::string& list) const {
    return rule_from(item.as_string()->get(), item.source().begin, list);
  }
  PathRule rule_from(std::string_view text, const toml::source_position& where, const std::string& list) const {
    Result<PathGlob> glob = PathGlob::parse(text);
    if (!glob) fail(where, fmt::format("in {}: {}", list, glob.error().message));
    if (list == "include" && glob->negated())
      fail(where, "an include glob cannot be negated with '!'; put the pattern in exclude instead");
    return {std::move(glob.value()), base_, at(where), {}};
  }

  void read_limits(const toml::key& key, const toml::node& node) {
    for (const auto& [name_key, value] : entries(key, node, "limits")) {
      const std::string name(name_key->str());
      const auto settings = limit_settings();
      const auto found = std::find_if(settings.begin(), settings.end(), [&](const auto& s) { return s.name == name; });
      if (found == settings.end()) {
        std::vector<std::string> known;
        for (const auto& s : settings) known.emplace_back(s.name);
        fail(name_key->source().begin, fmt::format("unknown key '{}' in [limits]{}; the limits are {}", name,
                                                   suggestion(name, known), fmt::join(known, ", ")));
      }
      const auto* integer = value->as_integer();
      if (!integer)
        fail(where(*name_key, *value), fmt::format("limits.{} should be a whole number, but is {}; write {} = {}", name,
                                                   kind_of(*value), name, found->min > 0 ? found->min : 1000));
      if (const Status checked = check_limit(*found, integer->get()); !checked)
        fail(where(*name_key, *value),
             fmt::format("limits.{} = {}: {}", name, integer->get(), checked.error().message));
      set_limit(config_.limits, *found, integer->get());
      config_.origins["limits." + name] = at(name_key->source().begin);
    }
  }

  void read_required(const toml::key& key, const toml::node& node) {
    const std::vector<std::string> known = requirable_fields();
    for (const auto& [type, fields] : entries(key, node, "required")) {
      const std::string type_name(type->str());
      const std::string name = "required." + type_name;
      std::vector<std::string> list;
      for (const toml::node* item : strings(*type, *fields, name, "record fields", "[\"title\", \"url\"]")) {
        const std::string& field = item->as_string()->get();
        if (std::find(known.begin(), known.end(), field) == known.end())
          fail(item->source().begin, fmt::format("unknown field '{}' in {}{}; the fields a record can be required "
                                                 "to have are {}",
                                                 field, name, suggestion(field, known), fmt::join(known, ", ")));
        list.push_back(field);
      }
      config_.required[type_name] = {std::move(list), at(type->source().begin)};
    }
  }

  void read_aliases(const toml::key& key, const toml::node& node) {
    const std::vector<std::string> fields = typed_header_keys();
    for (const auto& [alias_key, target] : entries(key, node, "aliases")) {
      const std::string header_key(alias_key->str());
      const std::string name = "aliases." + header_key;
      if (std::find(fields.begin(), fields.end(), header_key) != fields.end())
        fail(alias_key->source().begin,
             fmt::format("'{}' is a record field's own key, so it cannot be an alias of another; choose a header "
                         "key that is not a field",
                         header_key));
      std::string field = checked_text(*alias_key, *target, name, check_type_name, "\"excerpt\"");
      const bool negated = field.starts_with('!');
      if (negated) field.erase(0, 1);
      if (std::find(fields.begin(), fields.end(), field) == fields.end())
        fail(where(*alias_key, *target),
             fmt::format("'{}' is not a record field read from headers{}; the fields are {}", field,
                         suggestion(field, fields), fmt::join(fields, ", ")));
      std::erase_if(config_.aliases, [&](const auto& a) { return a.value.key == header_key; });
      config_.aliases.push_back({{header_key, field, negated}, at(alias_key->source().begin)});
    }
  }

  ProjectConfig& config_;
  const std::string& shown_;
  const std::string& base_;
};

std::string_view relative_view(std::string_view path, std::string_view base) {
  if (base == "/") return path.substr(1);
  if (path.size() > base.size() && path.starts_with(base) && path[base.size()] == '/')
    return path.substr(base.size() + 1);
  if (path == base) return {};
  return path.starts_with('/') ? path.substr(1) : path;
}

std::string json_quote(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

bool inside(std::string_view path, std::string_view base) {
  return base == "/" || (path.size() > base.size() && path.starts_with(base) && path[base.size()] == '/');
}

const std::pair<std::string_view, DuplicateKeys> kDuplicateKeyNames[] = {
    {"error", DuplicateKeys::error}, {"first", DuplicateKeys::first}, {"last", DuplicateKeys::last}};

}  // namespace

std::span<const TextSetting> text_settings() { return kTextSettings; }

const TextSetting* text_setting(std::string_view key) {
  for (const TextSetting& setting : kTextSettings)
    if (setting.key == key) return &setting;
  return nullptr;
}

std::vector<std::string_view> config_keys() {
  std::vector<std::string_view> keys(std::begin(kListKeys), std::end(kListKeys));
  for (const TextSetting& setting : kTextSettings) keys.push_back(setting.key);
  keys.insert(keys.end(), std::begin(kTableKeys), std::end(kTableKeys));
  return keys;
}

std::optional<DuplicateKeys> duplicate_keys_named(std::string_view name) {
  for (const auto& [known, value] : kDuplicateKeyNames)
    if (known == name) return value;
  return std::nullopt;
}

std::string_view duplicate_keys_name(DuplicateKeys value) {
  for (const auto& [name, known] : kDuplicateKeyNames)
    if (known == value) return name;
  return "error";
}

Status check_limit(const LimitSetting& setting, long long value) {
  if (value < setting.min) return bad_value(fmt::format("the least it can be is {}", setting.min));
  if (setting.max > 0 && value > setting.max) return bad_value(fmt::format("the most it can be is {}", setting.max));
  return ok();
}

void set_limit(Limits& limits, const LimitSetting& setting, long long value) {
  std::visit(
      [&](auto member) { limits.*member = static_cast<std::remove_reference_t<decltype(limits.*member)>>(value); },
      setting.member);
}

long long get_limit(const Limits& limits, const LimitSetting& setting) {
  return std::visit([&](auto member) { return static_cast<long long>(limits.*member); }, setting.member);
}

std::string SettingOrigin::describe() const {
  switch (kind) {
    case Kind::builtin: return "default";
    case Kind::command_line: return "command line";
    case Kind::file: break;
  }
  return fmt::format("{}:{}", file, position.line);
}

ProjectConfig::ProjectConfig() {
  for (auto& [type, fields] : ValidationRules().required) required[type] = {fields, {}};
}

SettingOrigin ProjectConfig::origin_of(std::string_view key) const {
  const auto found = origins.find(key);
  return found == origins.end() ? SettingOrigin{} : found->second;
}

Status apply_config_text(ProjectConfig& config, std::string_view text, const std::string& shown,
                         const std::string& base) {
  config.file = shown;
  config.base = base;
  try {
    const toml::table root = toml::parse(text, shown);
    ConfigReader(config, shown, base).read(root);
  } catch (const toml::parse_error& error) {
    const auto& where = error.source().begin;
    Position position;
    if (where) position = {static_cast<int>(where.line), static_cast<int>(where.column)};
    return make_error(code::config_invalid, position, fmt::format("invalid TOML: {}", error.description()));
  } catch (const Rejected& rejected) {
    return rejected.diagnostic;
  }
  return ok();
}

Status apply_overrides(ProjectConfig& config, const ConfigOverrides& overrides, const std::string& cwd) {
  const SettingOrigin command_line = SettingOrigin::command_line();
  const auto add_globs = [&](const std::vector<std::string>& texts, std::string_view option,
                             std::vector<PathRule>& rules) -> Status {
    for (const auto& text : texts) {
      Result<PathGlob> glob = PathGlob::parse(text);
      if (!glob) return make_error(code::usage, {}, fmt::format("{}: {}", option, glob.error().message));
      rules.push_back({std::move(glob.value()), cwd, command_line, {}});
    }
    return ok();
  };
  if (Status added = add_globs(overrides.exclude, "--exclude", config.exclude); !added) return added;
  if (Status added = add_globs(overrides.include, "--include", config.include); !added) return added;
  for (const auto& path : overrides.providers) config.providers.push_back({path, command_line});
  for (const TextSetting& setting : text_settings()) {
    const auto given = overrides.text.find(std::string(setting.key));
    if (given == overrides.text.end()) continue;
    if (const Status checked = setting.check(given->second); !checked)
      return make_error(code::usage, {},
                        fmt::format("--{} {}: {}", setting.key, given->second, checked.error().message));
    setting.set(config, given->second);
    config.origins[std::string(setting.key)] = command_line;
  }
  for (const LimitSetting& setting : limit_settings()) {
    const auto given = overrides.limits.find(std::string(setting.name));
    if (given == overrides.limits.end()) continue;
    set_limit(config.limits, setting, given->second);
    config.origins["limits." + std::string(setting.name)] = command_line;
  }
  if (overrides.require || overrides.require_types) {
    const ValidationRules rules(
        overrides.require.value_or(ValidationRules().required.begin()->second),
        overrides.require_types.value_or(std::vector{ValidationRules().required.begin()->first}));
    const std::vector<std::string> known = requirable_fields();
    for (const auto& field : overrides.require.value_or(std::vector<std::string>{}))
      if (std::find(known.begin(), known.end(), field) == known.end())
        return make_error(
            code::usage, {},
            fmt::format("--require: unknown field '{}'; known fields: {}", field, fmt::join(known, ", ")));
    config.required.clear();
    for (const auto& [type, fields] : rules.required) config.required[type] = {fields, command_line};
  }
  return ok();
}

const PathRule* exclusion_of(const ProjectConfig& config, const std::string& path, bool is_folder, bool* not_included) {
  if (not_included) *not_included = false;
  // gitignore's rule, level by level from the top: the last exclude matching a folder (or the path
  // itself) decides whether it is out; a folder that is out takes all it holds with it.
  const auto decide = [&](std::string_view level, bool folder) -> const PathRule* {
    const PathRule* last = nullptr;
    for (const PathRule& rule : config.exclude) {
      // A path inside the rule's folder is matched from there; the folders above do not count.
      if (inside(path, rule.base) && !inside(level, rule.base)) continue;
      if (rule.glob.matches(relative_view(level, rule.base), folder)) last = &rule;
    }
    return last && !last->glob.negated() ? last : nullptr;
  };
  if (!config.exclude.empty()) {
    for (std::size_t slash = path.find('/', 1); slash != std::string::npos; slash = path.find('/', slash + 1))
      if (const PathRule* rule = decide(std::string_view(path).substr(0, slash), true)) return rule;
    if (const PathRule* rule = decide(path, is_folder)) return rule;
  }
  if (is_folder || config.include.empty()) return nullptr;
  for (const PathRule& rule : config.include)
    if (rule.glob.covers(relative_view(path, rule.base), false)) return nullptr;
  if (not_included) *not_included = true;
  return &config.include.front();
}

std::optional<std::string> why_left_out(const ProjectConfig& config, const std::string& path, bool is_folder) {
  if (is_config_file(path, is_folder)) return "it is newsnorm's configuration, not an article";
  bool not_included = false;
  const PathRule* rule = exclusion_of(config, path, is_folder, &not_included);
  if (!rule) return std::nullopt;
  if (not_included)
    return fmt::format("not matched by include ({}: {})", rule->origin.describe(), [&] {
      std::vector<std::string> globs;
      for (const auto& r : config.include) globs.push_back(json_quote(r.glob.text()));
      return fmt::format("{}", fmt::join(globs, ", "));
    }());
  return fmt::format("excluded by {} ({})", rule->origin.describe(), json_quote(rule->glob.text()));
}

const PathRule* type_rule_of(const ProjectConfig& config, const std::string& path) {
  const PathRule* last = nullptr;
  for (const PathRule& rule : config.types)
    if (rule.glob.covers(relative_view(path, rule.base), false)) last = &rule;
  return last;
}

bool is_config_file(std::string_view path, bool is_folder) {
  return !is_folder && path.ends_with(kConfigFileName) &&
         (path.size() == kConfigFileName.size() || path[path.size() - kConfigFileName.size() - 1] == '/');
}

std::string relative_to(const std::string& path, const std::string& base) {
  return std::string(relative_view(path, base));
}

std::vector<ConfigEntry> config_entries(const ProjectConfig& config) {
  std::vector<ConfigEntry> out;
  const auto list = [&](const char* key, const auto& items, const auto& value_of) {
    for (const auto& item : items) out.push_back({"", key, value_of(item), item.origin, true});
    if (items.empty()) out.push_back({"", key, Json::array(), {}, false});
  };
  const auto glob_text = [](const PathRule& rule) { return Json(rule.glob.text()); };
  list("exclude", config.exclude, glob_text);
  list("include", config.include, glob_text);
  list("providers", config.providers, [](const Sourced<std::string>& p) { return Json(p.value); });
  for (const TextSetting& setting : text_settings())
    out.push_back({"", std::string(setting.key), setting.get(config), config.origin_of(setting.key)});
  for (const LimitSetting& setting : limit_settings()) {
    const std::string name(setting.name);
    out.push_back({"limits", name, get_limit(config.limits, setting), config.origin_of("limits." + name)});
  }
  // A table with no entries is still listed (key ""), so that the output shows it exists.
  for (const PathRule& rule : config.types) out.push_back({"types", rule.glob.text(), rule.type, rule.origin});
  if (config.types.empty()) out.push_back({"types", "", Json(), {}});
  // Required fields in the order they were given: defaults first, then the file's lines.
  const std::size_t first_required = out.size();
  for (const auto& [type, fields] : config.required) out.push_back({"required", type, fields.value, fields.origin});
  std::stable_sort(out.begin() + static_cast<std::ptrdiff_t>(first_required), out.end(),
                   [](const ConfigEntry& a, const ConfigEntry& b) {
                     return std::pair(a.origin.kind, a.origin.position.line) <
                            std::pair(b.origin.kind, b.origin.position.line);
                   });
  for (const auto& alias : config.aliases)
    out.push_back({"aliases", alias.value.key, (alias.value.negated ? "!" : "") + alias.value.field, alias.origin});
  if (config.aliases.empty()) out.push_back({"aliases", "", Json(), {}});
  return out;
}

}  // namespace newsnorm
