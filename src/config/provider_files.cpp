#include "newsnorm/config/provider_files.hpp"

#include <algorithm>

namespace newsnorm {
namespace {

std::string read_or_fail(const std::string& path, const ConfigFiles& files) {
  Result<std::string> bytes = files.read(path);
  if (!bytes) throw FatalError(FatalKind::usage, path, bytes.error());
  return std::move(bytes.value());
}

}  // namespace

void load_providers(ProviderRegistry& registry, const std::string& path, const ConfigFiles& files) {
  if (!files.is_folder(path)) {
    registry.add_yaml(read_or_fail(path, files), path);
    return;
  }
  std::vector<std::string> names = files.list(path);
  std::erase_if(names, [](const std::string& name) { return name.starts_with('.') || !name.ends_with(".md"); });
  std::sort(names.begin(), names.end());
  std::vector<ProviderRegistry::OrganizationFile> organizations;
  for (const std::string& name : names) {
    const std::string file = path.ends_with('/') ? path + name : path + "/" + name;
    organizations.push_back({file, read_or_fail(file, files)});
  }
  registry.add_organizations(organizations, path);
}

}  // namespace newsnorm
