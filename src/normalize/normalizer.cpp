#include "newsnorm/normalize/normalizer.hpp"

#include <fmt/format.h>

#include "newsnorm/model/identity.hpp"
#include "newsnorm/normalize/provider_resolution.hpp"
#include "newsnorm/normalize/related_dedupe.hpp"
#include "newsnorm/normalize/text_normalize.hpp"
#include "newsnorm/normalize/url_choice.hpp"

namespace newsnorm {
namespace {

// One warning per changed field, naming what changed; white-space-only changes say nothing.
void clean_text_field(Article& article, const std::string& field, std::optional<std::string>& value) {
  if (!value) return;
  Changes changes;
  std::string cleaned = clean_inline_text(*value, changes);
  if (!changes.empty())
    article.warn({}, fmt::format("{}: {} (was \"{}\")", field, fmt::join(changes, ", "), *value));
  value = std::move(cleaned);
}

void clean_body(Article& article) {
  Changes changes;
  std::string cleaned = newsnorm::clean_body(article.body, changes);
  if (!changes.empty()) article.warn({}, fmt::format("body: {}", fmt::join(changes, ", ")));
  article.body = std::move(cleaned);
  // A web page's text is its article as the page reader found it, not the plain text of the markup.
  if (article.source.format != Format::html && looks_like_html(article.body)) article.text = html_to_text(article.body);
}

void clean_provider_name(Article& article, const std::string& where, std::optional<Provider>& provider) {
  if (provider) clean_text_field(article, where + ".name", provider->name);
}

}  // namespace

std::shared_ptr<const ProviderRegistry> builtin_registry() {
  static const auto registry = std::make_shared<const ProviderRegistry>(ProviderRegistry::builtin());
  return registry;
}

void normalize(Article& article, const NormalizeOptions& options) {
  const ProviderRegistry& registry = options.registry ? *options.registry : *builtin_registry();

  clean_text_field(article, "title", article.title);
  clean_text_field(article, "excerpt", article.excerpt);
  clean_body(article);
  clean_provider_name(article, "provider", article.provider);
  for (std::size_t i = 0; i < article.related.size(); ++i) {
    Related& related = article.related[i];
    const std::string where = fmt::format("related[{}]", i);
    clean_text_field(article, where + ".title", related.title);
    clean_text_field(article, where + ".excerpt", related.excerpt);
    clean_provider_name(article, where + ".provider", related.provider);
  }

  choose_article_url(article);
  for (std::size_t i = 0; i < article.related.size(); ++i)
    choose_related_url(article, article.related[i], fmt::format("related[{}]", i));
  dedupe_related(article);

  resolve_provider(article, registry, "provider", article.url, article.provider);
  for (std::size_t i = 0; i < article.related.size(); ++i)
    resolve_provider(article, registry, fmt::format("related[{}].provider", i), article.related[i].url,
                     article.related[i].provider);

  // The same story has the same id wherever it is found.
  article.id = article.dedupe_key ? stable_id(*article.dedupe_key) : article_id(article);
}

}  // namespace newsnorm
