#pragma once
// Providers: domains reduced to registrable domains, checked against the url, named from the registry.
#include <optional>
#include <string>

#include "newsnorm/model/article.hpp"
#include "newsnorm/normalize/bare_text.hpp"
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

// For bare text without a provider: the provider the text names -- a copyright line, a footer
// masthead, an author's bio "… at <Site>" -- when a clue's name is a registry name (case-insensitive)
// and every clue that names one names the same provider. Hosting platforms are not taken. The warning
// says the evidence; with no clue, or clues that disagree, nothing is guessed.
void infer_provider_from_clues(Article& article, const ProviderRegistry& registry, const std::string& where,
                               const std::vector<ProviderClue>& clues);

}  // namespace newsnorm
