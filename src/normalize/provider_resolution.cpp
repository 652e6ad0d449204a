#include "newsnorm/normalize/provider_resolution.hpp"

#include <fmt/format.h>

#include "newsnorm/normalize/registrable_domain.hpp"
#include "newsnorm/normalize/url_normalize.hpp"

namespace newsnorm {
namespace {

void resolve_domain(Article& article, const ProviderRegistry& registry, const std::string& where,
                    const std::string& url_domain, Provider& provider) {
  if (provider.domain) {
    const std::string reduced = registrable_domain(*provider.domain);
    if (reduced.empty()) {
      article.warn(code::normalize_provider, {}, fmt::format("{}.domain \"{}\" is not a domain name; it was dropped", where, *provider.domain));
      provider.domain.reset();
    } else if (reduced != *provider.domain) {
      article.warn(code::normalize_provider, {}, fmt::format("{}.domain \"{}\" was reduced to its registrable domain \"{}\"", where,
                                   *provider.domain, reduced));
      provider.domain = reduced;
    }
  }
  if (url_domain.empty()) return;
  if (!provider.domain) {
    article.warn(code::normalize_provider, {}, fmt::format("{}.domain was missing; it is the url's, \"{}\"", where, url_domain));
    provider.domain = url_domain;
  } else if (*provider.domain != url_domain && !registry.is_platform(url_domain)) {
    article.warn(code::normalize_provider, {}, fmt::format("{}.domain \"{}\" contradicts the url's domain \"{}\"; the url's wins", where,
                                 *provider.domain, url_domain));
    provider.domain = url_domain;
  }
}

void resolve_name(Article& article, const ProviderRegistry& registry, const std::string& where, Provider& provider) {
  if (!provider.domain) return;
  const std::string& domain = *provider.domain;
  if (const ProviderInfo* known = registry.find(domain)) {
    if (!provider.name) {
      article.warn(code::normalize_provider, {}, fmt::format("{}.name was missing; the registry calls {} \"{}\"", where, domain, known->name));
      provider.name = known->name;
    } else if (*provider.name != known->name && !known->platform) {
      article.warn(code::normalize_provider, {}, fmt::format("{}.name \"{}\" is \"{}\" in the provider registry", where, *provider.name,
                                   known->name));
      provider.name = known->name;
    }
    return;
  }
  if (!provider.name) {
    article.warn(code::normalize_provider, {}, fmt::format("{}.name was missing; it is the domain, \"{}\"", where, domain));
    provider.name = domain;
    return;
  }
  if (const auto owner = registry.domain_of_name(*provider.name); owner && *owner != domain) {
    article.warn(code::normalize_provider, {}, fmt::format("{}.name \"{}\" belongs to {} in the provider registry, not to {}; the name is "
                                 "the domain instead",
                                 where, *provider.name, *owner, domain));
    provider.name = domain;
  }
}

}  // namespace

void resolve_provider(Article& article, const ProviderRegistry& registry, const std::string& where,
                      const std::optional<std::string>& url, std::optional<Provider>& provider) {
  const std::string url_domain = url ? registrable_domain(url_host(*url)) : std::string();
  if (!provider) {
    if (url_domain.empty()) return;
    const ProviderInfo* known = registry.find(url_domain);
    provider = Provider{known ? std::optional<std::string>(known->name) : url_domain, url_domain, nullptr, nullptr,
                        Json::object()};
    article.warn(code::normalize_provider, {}, fmt::format("{} was missing; derived from the url as \"{}\" ({})", where, *provider->name,
                                 url_domain));
    return;
  }
  resolve_domain(article, registry, where, url_domain, *provider);
  resolve_name(article, registry, where, *provider);
}

}  // namespace newsnorm
