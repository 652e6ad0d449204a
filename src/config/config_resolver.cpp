#include "newsnorm/config/config_resolver.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include "newsnorm/config/provider_files.hpp"
#include "newsnorm/model/datetime.hpp"
#include "newsnorm/read/input_files.hpp"

namespace newsnorm {
namespace fs = std::filesystem;
namespace {

std::string parent_of(const std::string& folder) {
  const std::size_t slash = folder.rfind('/');
  return slash == 0 || slash == std::string::npos ? "/" : folder.substr(0, slash);
}

std::string join(const std::string& folder, std::string_view name) {
  return folder == "/" ? "/" + std::string(name) : folder + "/" + std::string(name);
}

// How messages show a configuration found by discovery: relative to the cwd when it is inside it.
std::string shown_path(const std::string& file, const std::string& cwd) {
  if (file.size() > cwd.size() && file.starts_with(cwd) && file[cwd.size()] == '/')
    return file.substr(cwd == "/" ? 1 : cwd.size() + 1);
  return file;
}

// The absolute, lexically normal form of a path as given, without a trailing '/'.
std::string absolute_from(const std::string& cwd, const std::string& path) {
  std::string out = (path.starts_with('/') ? fs::path(path) : fs::path(cwd) / path).lexically_normal();
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

}  // namespace

bool ConfigFiles::exists(const std::string& path) const { return ::access(path.c_str(), F_OK) == 0; }

bool ConfigFiles::is_folder(const std::string& path) const {
  std::error_code error;
  return fs::is_directory(path, error);
}

std::vector<std::string> ConfigFiles::list(const std::string& folder) const {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& item : fs::directory_iterator(folder, error))
    if (item.is_regular_file(error)) names.push_back(item.path().filename().string());
  return names;
}

Result<std::string> ConfigFiles::read(const std::string& path) const {
  std::string bytes;
  if (Status read = read_input(path, Limits{}.max_bytes, bytes); !read) {
    Diagnostic error = std::move(read.error());
    error.message = fmt::format("cannot read {}: {}", path, error.message);
    return error;
  }
  return bytes;
}

const ConfigFiles& real_config_files() {
  static const ConfigFiles files;
  return files;
}

FatalResult<std::unique_ptr<ConfigResolver>> ConfigResolver::open(ConfigChoice choice, const ConfigFiles& files) {
  return catch_failure([&] {
    std::unique_ptr<ConfigResolver> resolver(new ConfigResolver(std::move(choice), files));
    resolver->load_fixed();
    return resolver;
  });
}

ConfigResolver::ConfigResolver(ConfigChoice choice, const ConfigFiles& files)
    : choice_(std::move(choice)), files_(files) {}

void ConfigResolver::load_fixed() {
  if (!choice_.file.empty()) {
    const std::string file = absolute(choice_.file);
    if (!files_.exists(file))
      throw FatalError(FatalKind::usage, code::config_invalid, choice_.file,
                       fmt::format("--config {}: no such file; give the path of a newsnorm.toml", choice_.file));
    fixed_ = &load(file, parent_of(file));
  } else if (!choice_.discover) {
    fixed_ = &load("", choice_.cwd);
  }
}

std::string ConfigResolver::absolute(const std::string& path) const {
  return path == "-" ? choice_.cwd : absolute_from(choice_.cwd, path);
}

FatalResult<const AppliedConfig*> ConfigResolver::for_path(const std::string& path, bool is_folder) {
  if (fixed_) return fixed_;
  const std::string absolute_path = absolute(path);
  const bool folder = is_folder || path == "-";
  std::lock_guard lock(mutex_);
  return catch_failure([&] { return &for_folder(folder ? absolute_path : parent_of(absolute_path)); });
}

const AppliedConfig& ConfigResolver::for_folder(const std::string& start) {
  std::vector<std::string> looked_at;
  const AppliedConfig* found = nullptr;
  for (std::string folder = start;; folder = parent_of(folder)) {
    if (const auto known = by_folder_.find(folder); known != by_folder_.end()) {
      found = known->second;
      break;
    }
    looked_at.push_back(folder);
    if (const std::string file = join(folder, kConfigFileName); files_.exists(file)) {
      found = &load(file, folder);
      break;
    }
    // The search ends at the repository's root (after its own newsnorm.toml) or the file system's.
    if (folder == "/" || files_.exists(join(folder, ".git"))) {
      found = &load("", choice_.cwd);
      break;
    }
  }
  for (const auto& folder : looked_at) by_folder_[folder] = found;
  return *found;
}

const AppliedConfig& ConfigResolver::load(const std::string& file, const std::string& base) {
  if (const auto known = by_file_.find(file); known != by_file_.end()) return *known->second;
  auto config = std::make_shared<ProjectConfig>();
  config->base = base;
  const std::string shown = choice_.file.empty() ? shown_path(file, choice_.cwd) : choice_.file;
  if (!file.empty()) {
    Result<std::string> text = files_.read(file);
    if (!text) throw FatalError(FatalKind::usage, code::config_invalid, shown, text.error().message);
    if (Status applied = apply_config_text(*config, text.value(), shown, base); !applied)
      throw FatalError(FatalKind::usage, shown, applied.error());
  }
  if (Status applied = apply_overrides(*config, choice_.overrides, choice_.cwd); !applied)
    throw FatalError(FatalKind::usage, "", applied.error());

  auto applied = std::make_unique<AppliedConfig>();
  applied->config = config;
  applied->rules.required.clear();
  for (const auto& [type, fields] : config->required) applied->rules.required[type] = fields.value;
  IngestOptions& ingest = applied->ingest;
  ingest.limits = config->limits;
  if (!config->assume_tz.empty()) ingest.limits.assume_offset_minutes = parse_zone_offset(config->assume_tz);
  ingest.normalize.base_url = config->base_url;
  if (!config->providers.empty()) {
    auto registry = std::make_shared<ProviderRegistry>(*builtin_registry());
    for (const auto& provider : config->providers) {
      FatalStatus loaded = load_providers(*registry, provider.value, files_);  // says path:line:column
      if (loaded) continue;
      Failure failure = std::move(loaded).error();
      if (provider.origin.kind == SettingOrigin::Kind::file)
        failure = Failure::of(failure.kind, *failure.diagnostic.code, failure.path,
                              fmt::format("{} (in providers at {})", failure.what(), provider.origin.describe()));
      throw FatalError(std::move(failure));
    }
    ingest.normalize.registry = std::move(registry);
  }
  if (!config->aliases.empty()) {
    auto vocabulary = std::make_shared<Vocabulary>(Vocabulary::builtin());
    for (const auto& alias : config->aliases) vocabulary->add(alias.value);
    ingest.vocabulary = std::move(vocabulary);
  }
  if (!config->types.empty())
    ingest.type_for_path = [config, cwd = choice_.cwd](const std::string& path) {
      // Standard input has no path for a glob to match.
      const PathRule* rule = path == "-" ? nullptr : type_rule_of(*config, absolute_from(cwd, path));
      return rule ? rule->type : std::string();
    };
  if (choice_.validating) ingest.validate = &applied->rules;
  return *by_file_.emplace(file, std::move(applied)).first->second;
}

}  // namespace newsnorm
