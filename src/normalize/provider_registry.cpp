#include "newsnorm/normalize/provider_registry.hpp"
#include "newsnorm/core/ascii.hpp"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

#include <fmt/format.h>
#include <utf8proc.h>

#include "newsnorm/core/builtin_data.hpp"
#include "newsnorm/core/diagnostic.hpp"
#include "newsnorm/model/record_fields.hpp"
#include "newsnorm/parse/data_file.hpp"

namespace newsnorm {

extern const std::string_view builtin_providers_yaml;  // data/providers.yaml, see cmake/EmbedFile.cmake

namespace {

// Registry entries and organization files name a provider with the record's own provider keys.
const std::string kNameKey(key_of(&Provider::name));
const std::string kDomainKey(key_of(&Provider::domain));

// A provider file is configuration the user named: a fault in it ends the run, with its position.
// Thrown between this file's functions; the registry's public functions return it.
[[noreturn]] void fail(const std::string& origin, const Diagnostic& diagnostic) {
  throw FatalError(Failure::in(FatalKind::usage, origin, diagnostic));
}

[[noreturn]] void fail(const std::string& origin, Position where, std::string message) {
  fail(origin, make_error(code::registry_invalid, where, std::move(message)));
}

// Names compare without case (Unicode case folding, so "ÉCOLE" is "école") and without outer spaces.
std::string fold_name(std::string_view name) {
  name = ascii::trim(name);
  utf8proc_uint8_t* folded = nullptr;
  const auto length =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(name.data()), static_cast<utf8proc_ssize_t>(name.size()),
                   &folded, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD));
  if (length < 0) {  // ill-formed UTF-8: fold ASCII only
    std::string text(name);
    std::transform(text.begin(), text.end(), text.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    return text;
  }
  std::string text(reinterpret_cast<const char*>(folded), static_cast<std::size_t>(length));
  std::free(folded);
  return text;
}

std::string pointer_to(std::string_view key, std::string_view child = {}) {
  std::string pointer;
  append_pointer_token(pointer, key);
  if (!child.empty()) append_pointer_token(pointer, child);
  return pointer;
}

struct Entry {
  std::string domain;
  ProviderInfo info;
  bool platform_given = false;  // false: a bare name, which keeps an earlier entry's platform flag
};

// One YAML entry's value: a name, or {name: ..., platform: ...}.
Entry read_entry(const HeaderTree& tree, const std::string& key, const Json& value, const std::string& origin) {
  const Position where = tree.position(pointer_to(key));
  Entry entry;
  ProviderInfo& info = entry.info;
  if (value.is_string()) {
    info.name = std::string(ascii::trim(value.get<std::string>()));
  } else if (value.is_object()) {
    for (const auto& field : value.items()) {
      const Position at = tree.position(pointer_to(key, field.key()));
      if (field.key() == kNameKey) {
        if (!field.value().is_string())
          fail(origin, at,
               fmt::format("the name of {} should be text but is {}; quote it", key, describe(field.value())));
        info.name = std::string(ascii::trim(field.value().get<std::string>()));
      } else if (field.key() == "platform") {
        if (!field.value().is_boolean())
          fail(origin, at,
               fmt::format("platform of {} should be true or false but is {}", key, describe(field.value())));
        info.platform = field.value().get<bool>();
        entry.platform_given = true;
      } else {
        fail(origin, at,
             fmt::format("unknown key '{}' in the entry of {}; an entry has only name and platform", field.key(), key));
      }
    }
    if (!value.contains(kNameKey)) fail(origin, where, fmt::format("the entry of {} has no name", key));
  } else {
    fail(origin, where,
         fmt::format("the provider of {} should be a name (text) or a mapping {{name: ..., "
                     "platform: true}}, but is {}; quote a name that looks like a number",
                     key, describe(value)));
  }
  if (info.name.empty()) fail(origin, where, fmt::format("the name of {} is empty", key));
  return entry;
}

HeaderTree read_header(std::string_view bytes, const std::string& origin, bool front_matter) {
  HeaderResult header = parse_yaml_data(bytes, front_matter);
  if (!header) fail(origin, header.error());
  return std::move(header).value();
}

// One organization file: the `domain:` and `name:` of its front matter.
Entry read_organization(const std::string& path, std::string_view bytes) {
  const HeaderTree tree = read_header(bytes, path, true);
  if (!tree.value.is_object()) fail(path, tree.position(""), "an organization file's front matter is a mapping");
  auto text_field = [&](const std::string& key) {
    const auto found = tree.value.find(key);
    if (found == tree.value.end() || found->is_null())
      fail(path, tree.position(""), fmt::format("an organization file needs `{}:` in its front matter", key));
    if (!found->is_string())
      fail(path, tree.position(pointer_to(key)), fmt::format("{} should be text but is {}", key, describe(*found)));
    return std::string(ascii::trim(found->get<std::string>()));
  };
  const std::string domain_text = text_field(kDomainKey);
  std::string name = text_field(kNameKey);
  std::string domain = registrable_domain(domain_text);
  if (domain.empty())
    fail(path, tree.position(pointer_to(kDomainKey)), fmt::format("domain '{}' is not a domain name", domain_text));
  if (name.empty()) fail(path, tree.position(pointer_to(kNameKey)), "name is empty");
  return {std::move(domain), {std::move(name), false}, false};
}

}  // namespace

const ProviderRegistry& ProviderRegistry::builtin() {
  // Each caller copies it to extend it.
  static const ProviderRegistry parsed =
      builtin_data<ProviderRegistry>("data/providers.yaml", [](ProviderRegistry& registry, const std::string& origin) {
        return registry.add_yaml(builtin_providers_yaml, origin);
      });
  return parsed;
}

FatalStatus ProviderRegistry::add_organizations(const std::vector<OrganizationFile>& files, const std::string& folder) {
  return catch_failure([&] { add_organizations_or_throw(files, folder); });
}

void ProviderRegistry::add_organizations_or_throw(const std::vector<OrganizationFile>& files,
                                                  const std::string& folder) {
  if (files.empty()) fail(folder, {}, "no organization files (*.md) in this folder");
  // Read everything before adding anything, so that a bad folder leaves the registry as it was.
  std::vector<Entry> entries;
  std::unordered_map<std::string, std::string> file_of_domain;
  for (const auto& file : files) {
    Entry entry = read_organization(file.path, file.bytes);
    const auto [seen, fresh] = file_of_domain.emplace(entry.domain, file.path);
    if (!fresh)
      fail(file.path, {1, 1}, fmt::format("{} has an organization file already: {}", entry.domain, seen->second));
    entries.push_back(std::move(entry));
  }
  for (auto& entry : entries) add_entry(entry.domain, std::move(entry.info), entry.platform_given);
}

FatalStatus ProviderRegistry::add_yaml(std::string_view yaml_text, const std::string& origin) {
  return catch_failure([&] { add_yaml_or_throw(yaml_text, origin); });
}

void ProviderRegistry::add_yaml_or_throw(std::string_view yaml_text, const std::string& origin) {
  const HeaderTree tree = read_header(yaml_text, origin, false);
  if (tree.value.is_null()) return;  // only comments: no providers
  if (!tree.value.is_object())
    fail(origin, {1, 1},
         fmt::format("a provider registry is a mapping of domains to names, not {}", describe(tree.value)));
  std::vector<Entry> entries;
  std::unordered_map<std::string, std::string> key_of_domain;
  for (const auto& item : tree.value.items()) {
    const std::string& key = item.key();
    const Position where = tree.position(pointer_to(key));
    std::string domain = registrable_domain(key);
    if (domain.empty()) fail(origin, where, fmt::format("'{}' is not a domain name", key));
    const auto [seen, fresh] = key_of_domain.emplace(domain, key);
    if (!fresh)
      fail(origin, where,
           fmt::format("{} and {} (line {}) are the same registrable domain, {}; keep one", key, seen->second,
                       tree.position(pointer_to(seen->second)).line, domain));
    Entry entry = read_entry(tree, key, item.value(), origin);
    entry.domain = std::move(domain);
    entries.push_back(std::move(entry));
  }
  for (auto& entry : entries) add_entry(entry.domain, std::move(entry.info), entry.platform_given);
}

FatalStatus ProviderRegistry::add(std::string_view domain, ProviderInfo info) {
  return catch_failure([&] { add_entry(domain, std::move(info), true); });
}

void ProviderRegistry::add_entry(std::string_view domain, ProviderInfo info, bool platform_given) {
  std::string key = registrable_domain(domain);
  if (key.empty()) fail(std::string(domain), {}, fmt::format("'{}' is not a domain name", domain));
  info.name = std::string(ascii::trim(info.name));
  if (info.name.empty()) fail(key, {}, fmt::format("the provider of {} has an empty name", key));
  if (const auto old = providers_.find(key); old != providers_.end()) {
    if (!platform_given) info.platform = old->second.platform;
    auto& domains = by_name_[fold_name(old->second.name)];
    domains.erase(std::remove(domains.begin(), domains.end(), key), domains.end());
  }
  by_name_[fold_name(info.name)].push_back(key);
  providers_.insert_or_assign(std::move(key), std::move(info));
}

const ProviderInfo* ProviderRegistry::find(std::string_view domain) const {
  const std::string key = registrable_domain(domain);
  if (key.empty()) return nullptr;
  if (const auto found = providers_.find(key); found != providers_.end()) return &found->second;
  // A site under a public suffix that is itself an entry (someone.github.io under github.io).
  const std::string suffix = public_suffix(domain);
  if (suffix.empty() || suffix == key) return nullptr;
  const auto found = providers_.find(suffix);
  return found == providers_.end() ? nullptr : &found->second;
}

std::optional<std::string> ProviderRegistry::domain_of_name(std::string_view name) const {
  const auto found = by_name_.find(fold_name(name));
  if (found == by_name_.end() || found->second.size() != 1) return std::nullopt;
  return found->second.front();
}

std::optional<ProviderRegistry::Named> ProviderRegistry::find_by_name(std::string_view name) const {
  const auto domain = domain_of_name(name);
  if (!domain) return std::nullopt;
  const auto found = providers_.find(*domain);
  if (found == providers_.end()) return std::nullopt;
  return Named{*domain, &found->second};
}

bool ProviderRegistry::is_platform(std::string_view domain) const {
  const ProviderInfo* info = find(domain);
  return info != nullptr && info->platform;
}

}  // namespace newsnorm
