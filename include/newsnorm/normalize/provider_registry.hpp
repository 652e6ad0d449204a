#pragma once
// Who publishes at a domain: registrable domain -> provider name. The normalizer checks an article's
// provider against it, fills a missing name or domain from it, and leaves hosting platforms alone.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "newsnorm/core/result.hpp"
#include "newsnorm/normalize/registrable_domain.hpp"

namespace newsnorm {

struct ProviderInfo {
  std::string name;
  bool platform = false;  // a hosting platform where an article's provider is the channel or author
};

// Built once, then only read: the const members may be called from many threads at once.
class ProviderRegistry {
 public:
  // Parsed from the embedded data/providers.yaml.
  static const ProviderRegistry& builtin();  // parsed once, shared by every thread

  // Adds the organization files of one folder (*.md with front matter giving `domain:` and `name:`,
  // as the corpus's _data/organizations), in the order given. Later additions override earlier
  // ones; a bare name (an organization file, `medium.com: Medium`) keeps an earlier entry's platform
  // flag, so renaming a platform does not turn it into a publisher. A bad file adds nothing: a usage
  // failure saying "path:line:column: error: message" on an organization file without domain or
  // name, two files of one domain, no file at all. Finding and reading the files is the caller's
  // (config/provider_files.hpp).
  struct OrganizationFile {
    std::string path;
    std::string bytes;
  };
  FatalStatus add_organizations(const std::vector<OrganizationFile>& files, const std::string& folder);

  // The YAML format: `zdnet.com: ZDNet`, or `youtube.com: {name: YouTube, platform: true}`. `origin`
  // names the text in error messages. A key is a domain or a host (reduced to its registrable domain);
  // two keys of one text that reduce to the same domain are an error (a usage failure; nothing added).
  FatalStatus add_yaml(std::string_view yaml_text, const std::string& origin);

  // `domain` is reduced with registrable_domain(); a usage failure when it is no domain name or the
  // name is empty.
  FatalStatus add(std::string_view domain, ProviderInfo info);

  // The entry of the registrable domain of `domain`; failing that, the entry of its public suffix,
  // so that someone.github.io finds github.io's. nullptr when neither has one.
  const ProviderInfo* find(std::string_view domain) const;

  // The registrable domain the registry gives this name to (case-insensitive, ends trimmed), when
  // exactly one domain has it; nullopt when none or several do (YouTube is youtube.com and youtu.be).
  std::optional<std::string> domain_of_name(std::string_view name) const;

  // The provider the registry knows by this name (case-insensitive, ends trimmed) and its registrable
  // domain, when exactly one domain has it; nullopt otherwise. For naming a provider from what a text
  // says ("© 2024 TechSpot, Inc.").
  struct Named {
    std::string domain;
    const ProviderInfo* info = nullptr;
  };
  std::optional<Named> find_by_name(std::string_view name) const;

  // Whether find(domain) is a hosting platform.
  bool is_platform(std::string_view domain) const;

  std::size_t size() const { return providers_.size(); }

 private:
  void add_organizations_or_throw(const std::vector<OrganizationFile>& files, const std::string& folder);
  void add_yaml_or_throw(std::string_view yaml_text, const std::string& origin);
  void add_entry(std::string_view domain, ProviderInfo info, bool platform_given);

  std::unordered_map<std::string, ProviderInfo> providers_;            // registrable domain -> provider
  std::unordered_map<std::string, std::vector<std::string>> by_name_;  // folded name -> its domains
};

}  // namespace newsnorm
