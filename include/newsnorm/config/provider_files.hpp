#pragma once
// The provider registries a configuration names (`providers` in newsnorm.toml, --providers): a YAML
// file of domains and names, or a folder of organization files. Finding and reading them is here;
// what they say is the registry's (normalize/provider_registry.hpp).
#include <string>

#include "newsnorm/config/config_resolver.hpp"
#include "newsnorm/normalize/provider_registry.hpp"

namespace newsnorm {

// Adds the registry at `path` to `registry`: a folder's organization files (*.md, not hidden), in
// byte order of their names, or one YAML file. A usage failure names the file, line and column of
// what is wrong; nothing is added then.
FatalStatus load_providers(ProviderRegistry& registry, const std::string& path, const ConfigFiles& files);

}  // namespace newsnorm
