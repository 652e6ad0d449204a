#pragma once
// Which newsnorm.toml applies to each input: the nearest one found from the input's folder upward,
// stopping at a repository root (a folder that holds .git) or at the file-system root; or the one
// named with --config; or none with --no-config. Each folder is looked up once and remembered, so a
// run over thousands of files costs two `stat`s per new folder and a cache hit per file.
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "newsnorm/config/project_config.hpp"
#include "newsnorm/core/result.hpp"
#include "newsnorm/model/validation_rules.hpp"
#include "newsnorm/run/ingest.hpp"

namespace newsnorm {

// The file system as discovery sees it: a seam, so discovery can be tested in memory.
class ConfigFiles {
 public:
  virtual ~ConfigFiles() = default;
  virtual bool exists(const std::string& path) const;  // a file or a folder
  virtual bool is_folder(const std::string& path) const;
  // The names of the regular files in a folder (not recursive), in no particular order.
  virtual std::vector<std::string> list(const std::string& folder) const;
  // The file's bytes (at most the default --max-bytes); an error that says why it cannot be read.
  virtual Result<std::string> read(const std::string& path) const;
};
const ConfigFiles& real_config_files();

// How the configuration is chosen, and what the command line adds.
struct ConfigChoice {
  std::string file;      // --config FILE: this one for every input; "" to look for newsnorm.toml
  bool discover = true;  // false: --no-config
  ConfigOverrides overrides;
  std::string cwd;          // absolute: what relative inputs, --exclude and --providers are relative to
  bool validating = false;  // the options check the [required] fields (validate)
};

// One configuration, ready to run with.
struct AppliedConfig {
  std::shared_ptr<const ProjectConfig> config;
  ValidationRules rules;
  IngestOptions ingest;  // its limits, registry, vocabulary and [types]; validate points at `rules`
};

class ConfigResolver {
 public:
  // Loads --config right away, so that a broken one stops the run before it starts.
  static FatalResult<std::unique_ptr<ConfigResolver>> open(ConfigChoice choice,
                                                           const ConfigFiles& files = real_config_files());
  ConfigResolver(const ConfigResolver&) = delete;
  ConfigResolver& operator=(const ConfigResolver&) = delete;

  // The configuration of a file or folder, relative to the cwd or absolute ("-": the cwd's).
  // Safe from any thread. A usage failure (config.invalid) names the file, line and column.
  FatalResult<const AppliedConfig*> for_path(const std::string& path, bool is_folder);
  // The absolute, lexically normal form of a path as given ("-": the cwd).
  std::string absolute(const std::string& path) const;
  const ConfigChoice& choice() const { return choice_; }

 private:
  ConfigResolver(ConfigChoice choice, const ConfigFiles& files);
  void load_fixed();  // throws FatalError, like the two below
  const AppliedConfig& for_folder(const std::string& folder);
  const AppliedConfig& load(const std::string& file, const std::string& base);

  ConfigChoice choice_;
  const ConfigFiles& files_;
  std::mutex mutex_;
  const AppliedConfig* fixed_ = nullptr;                             // --config or --no-config
  std::map<std::string, std::unique_ptr<AppliedConfig>> by_file_;    // "" for none
  std::unordered_map<std::string, const AppliedConfig*> by_folder_;  // every folder looked at
};

}  // namespace newsnorm
