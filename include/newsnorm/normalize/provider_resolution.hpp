#pragma once
// Providers: domains reduced to registrable domains, checked against the url, named from the registry.
#include <optional>
#include <string>

#include "newsnorm/model/article.hpp"
#include "newsnorm/normalize/provider_registry.hpp"

namespace newsnorm {

// - A domain is reduced to its registrable domain (www.zdnet.com is zdnet.com); a missing one is
//   the url's.
// - A domain that contradicts the url's gives way to it, unless the url is on a hosting platform,
//   where the provider is the channel or author.
// - The name is the registry's for that domain (but a platform's channel keeps its own name). With
//   no entry, the given name stays unless the registry gives it to another domain: then the name
//   is the domain.
// - A missing provider is derived from the url.
// Every change is a warning on `article`; `where` ("provider", "related[1].provider") names it.
void resolve_provider(Article& article, const ProviderRegistry& registry, const std::string& where,
                      const std::optional<std::string>& url, std::optional<Provider>& provider);

}  // namespace newsnorm
