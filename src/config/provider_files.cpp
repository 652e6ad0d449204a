#include "newsnorm/config/provider_files.hpp"

#include <algorithm>

namespace newsnorm {

FatalStatus load_providers(ProviderRegistry& registry, const std::string& path, const ConfigFiles& files) {
  if (!files.is_folder(path)) {
    Result<std::string> bytes = files.read(path);
    if (!bytes) return Failure::at(FatalKind::usage, path, std::move(bytes).error());
    return registry.add_yaml(bytes.value(), path);
  }
  std::vector<std::string> names = files.list(path);
  std::erase_if(names, [](const std::string& name) { return name.starts_with('.') || !name.ends_with(".md"); });
  std::sort(names.begin(), names.end());
  std::vector<ProviderRegistry::OrganizationFile> organizations;
  for (const std::string& name : names) {
    const std::string file = path.ends_with('/') ? path + name : path + "/" + name;
    Result<std::string> bytes = files.read(file);
    if (!bytes) return Failure::at(FatalKind::usage, file, std::move(bytes).error());
    organizations.push_back({file, std::move(bytes).value()});
  }
  return registry.add_organizations(organizations, path);
}

}  // namespace newsnorm
