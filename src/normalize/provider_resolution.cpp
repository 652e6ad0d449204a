#include "newsnorm/normalize/provider_resolution.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "newsnorm/core/value_fix.hpp"
#include "newsnorm/model/record_fields.hpp"
#include "newsnorm/normalize/registrable_domain.hpp"
#include "newsnorm/normalize/url_normalize.hpp"

namespace newsnorm {
namespace {

// Replaces a value the provider had, after the warning that says so: when the header gave the
// value, the warning carries the new one as its fix.
void set_fixable(Article& article, Provider& provider, std::optional<std::string> Provider::*member,
                 const std::string& value) {
  if (const std::string* pointer = provider.origins.find(key_of(member)))
    article.warnings.back().fix = make_value_fix(*pointer, *(provider.*member), value);
  provider.*member = value;
}

void resolve_domain(Article& article, const ProviderRegistry& registry, const std::string& where,
                    const std::string& url_domain, Provider& provider) {
  if (provider.domain) {
    const std::string reduced = registrable_domain(*provider.domain);
    if (reduced.empty()) {
      article.warn(code::normalize_provider, {},
                   fmt::format("{}.domain \"{}\" is not a domain name; it was dropped", where, *provider.domain));
      provider.domain.reset();
    } else if (reduced != *provider.domain) {
      article.warn(code::normalize_provider, {},
                   fmt::format("{}.domain \"{}\" was reduced to its registrable domain \"{}\"", where, *provider.domain,
                               reduced));
      set_fixable(article, provider, &Provider::domain, reduced);
    }
  }
  if (url_domain.empty()) return;
  if (!provider.domain) {
    article.warn(code::normalize_provider, {},
                 fmt::format("{}.domain was missing; it is the url's, \"{}\"", where, url_domain));
    provider.domain = url_domain;
  } else if (*provider.domain != url_domain && !registry.is_platform(url_domain)) {
    article.warn(code::normalize_provider, {},
                 fmt::format("{}.domain \"{}\" contradicts the url's domain \"{}\"; the url's wins", where,
                             *provider.domain, url_domain));
    set_fixable(article, provider, &Provider::domain, url_domain);
  }
}

void resolve_name(Article& article, const ProviderRegistry& registry, const std::string& where, Provider& provider) {
  if (!provider.domain) return;
  const std::string& domain = *provider.domain;
  if (const ProviderInfo* known = registry.find(domain)) {
    if (!provider.name) {
      article.warn(code::normalize_provider, {},
                   fmt::format("{}.name was missing; the registry calls {} \"{}\"", where, domain, known->name));
      provider.name = known->name;
    } else if (*provider.name != known->name && !known->platform) {
      article.warn(
          code::normalize_provider, {},
          fmt::format("{}.name \"{}\" is \"{}\" in the provider registry", where, *provider.name, known->name));
      set_fixable(article, provider, &Provider::name, known->name);
    }
    return;
  }
  if (!provider.name) {
    article.warn(code::normalize_provider, {},
                 fmt::format("{}.name was missing; it is the domain, \"{}\"", where, domain));
    provider.name = domain;
    return;
  }
  if (const auto owner = registry.domain_of_name(*provider.name); owner && *owner != domain) {
    article.warn(code::normalize_provider, {},
                 fmt::format("{}.name \"{}\" belongs to {} in the provider registry, not to {}; the name is "
                             "the domain instead",
                             where, *provider.name, *owner, domain));
    set_fixable(article, provider, &Provider::name, domain);
  }
}

}  // namespace

void resolve_provider(Article& article, const ProviderRegistry& registry, const std::string& where,
                      const std::optional<std::string>& url, std::optional<Provider>& provider) {
  const std::string url_domain = url ? registrable_domain(url_host(*url)) : std::string();
  if (!provider) {
    if (url_domain.empty()) return;
    const ProviderInfo* known = registry.find(url_domain);
    provider = Provider{
        known ? std::optional<std::string>(known->name) : url_domain, url_domain, nullptr, nullptr, Json::object(), {}};
    article.warn(
        code::normalize_provider, {},
        fmt::format("{} was missing; derived from the url as \"{}\" ({})", where, *provider->name, url_domain));
    return;
  }
  resolve_domain(article, registry, where, url_domain, *provider);
  resolve_name(article, registry, where, *provider);
}

void infer_provider_from_clues(Article& article, const ProviderRegistry& registry, const std::string& where,
                               const std::vector<ProviderClue>& clues) {
  if (article.provider) return;
  struct Found {
    const ProviderClue* clue;
    ProviderRegistry::Named named;
  };
  std::vector<Found> found;
  for (const ProviderClue& clue : clues)
    for (const std::string& name : clue.names)
      if (auto named = registry.find_by_name(name); named && !named->info->platform) {
        found.push_back({&clue, *named});
        break;
      }
  if (found.empty()) return;
  for (const Found& other : found)
    if (other.named.domain != found.front().named.domain) {
      article.warn(
          code::normalize_provider, {},
          fmt::format("{}: not inferred, since the text names two providers: \"{}\" in {} \"{}\" and "
                      "\"{}\" in {} \"{}\"",
                      where, found.front().named.info->name, found.front().clue->evidence, found.front().clue->text,
                      other.named.info->name, other.clue->evidence, other.clue->text));
      return;
    }
  const Found& first = found.front();
  article.provider = Provider{first.named.info->name, first.named.domain, nullptr, nullptr, Json::object(), {}};
  std::vector<std::string> evidence;
  for (const Found& f : found) evidence.push_back(fmt::format("{} \"{}\"", f.clue->evidence, f.clue->text));
  article.warn(code::normalize_provider, {},
               fmt::format("{}: \"{}\" ({}) from {}", where, first.named.info->name, first.named.domain,
                           fmt::join(evidence, " and ")));
}

}  // namespace newsnorm
