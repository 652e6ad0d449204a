#include "newsnorm/normalize/normalizer.hpp"

#include <fmt/format.h>

#include "newsnorm/core/value_fix.hpp"
#include "newsnorm/model/identity.hpp"
#include "newsnorm/model/record_fields.hpp"
#include "newsnorm/normalize/bare_text.hpp"
#include "newsnorm/normalize/provider_resolution.hpp"
#include "newsnorm/normalize/related_dedupe.hpp"
#include "newsnorm/normalize/text_normalize.hpp"
#include "newsnorm/normalize/url_choice.hpp"

namespace newsnorm {
namespace {

// One warning per changed field, naming what changed; white-space-only changes say nothing. With the
// header value's pointer, the warning carries the cleaned value as its fix.
void clean_text(Article& article, const std::string& where, const std::string* pointer,
                std::optional<std::string>& value) {
  if (!value) return;
  Changes changes;
  std::string cleaned = clean_inline_text(*value, changes);
  if (!changes.empty()) {
    article.warn(code::normalize_text, {}, fmt::format("{}: {} (was \"{}\")", where, fmt::join(changes, ", "), *value));
    if (pointer) article.warnings.back().fix = make_value_fix(*pointer, *value, cleaned);
  }
  value = std::move(cleaned);
}

void clean_body(Article& article, std::string& body) {
  Changes changes;
  std::string cleaned = newsnorm::clean_body(body, changes);
  if (!changes.empty())
    article.warn(code::normalize_text, {}, fmt::format("{}: {}", key_of(&Article::body), fmt::join(changes, ", ")));
  body = std::move(cleaned);
  // A web page's text is its article as the page reader found it, not the plain text of the markup.
  if (article.source.format != Format::html) article.text = body_text(body);
}

// Cleans the text fields the table marks, in table order, descending into providers and related
// entries; `prefix` names the object in warnings ("related[2].").
template <typename S>
void clean_fields(Article& article, const std::string& prefix, S& object) {
  for (const Field<S>& field : fields_of<S>()) {
    std::visit(
        [&](auto member) {
          auto& value = object.*member;
          using T = std::remove_cvref_t<decltype(value)>;
          const std::string where = prefix + std::string(field.key);
          if constexpr (std::is_same_v<T, std::optional<std::string>>) {
            if (field.rule == Rule::inline_text) clean_text(article, where, object.origins.find(field.key), value);
          } else if constexpr (std::is_same_v<T, std::string>) {
            if (field.rule == Rule::body) clean_body(article, value);
          } else if constexpr (std::is_same_v<T, std::optional<Provider>>) {
            if (value) clean_fields(article, where + ".", *value);
          } else if constexpr (std::is_same_v<T, std::vector<Related>> || std::is_same_v<T, std::vector<Author>>) {
            for (std::size_t i = 0; i < value.size(); ++i)
              clean_fields(article, fmt::format("{}[{}].", where, i), value[i]);
          }
        },
        field.member);
  }
}

}  // namespace

std::shared_ptr<const ProviderRegistry> builtin_registry() {
  // Shares the one parsed copy without owning it: it lives as long as the program.
  return std::shared_ptr<const ProviderRegistry>(std::shared_ptr<void>(), &ProviderRegistry::builtin());
}

void normalize(Article& article, const NormalizeOptions& options) {
  const ProviderRegistry& registry = options.registry ? *options.registry : *builtin_registry();

  clean_fields(article, "", article);
  // Bare text: the byline, image credits, dates and footer it carries go into fields. After the
  // clean-up, so what is taken out is read (and quoted in warnings) with mojibake repaired.
  std::vector<ProviderClue> clues;
  if (article.source.format == Format::text) {
    const std::size_t warnings = article.warnings.size();
    clues = take_out_bare_text_parts(article);
    if (article.warnings.size() != warnings) article.text = body_text(article.body);
  }

  const std::string related = std::string(key_of(&Article::related));
  const std::string provider = std::string(key_of(&Article::provider));
  choose_article_url(article, options.base_url);
  for (std::size_t i = 0; i < article.related.size(); ++i)
    choose_related_url(article, article.related[i], fmt::format("{}[{}]", related, i), options.base_url);
  dedupe_related(article);

  if (article.source.format == Format::text && !article.provider)
    infer_provider_from_clues(article, registry, provider, clues);
  resolve_provider(article, registry, provider, article.url, article.provider);
  for (std::size_t i = 0; i < article.related.size(); ++i)
    resolve_provider(article, registry, fmt::format("{}[{}].{}", related, i, provider), article.related[i].url,
                     article.related[i].provider);

  article.id = article_id(article);
}

}  // namespace newsnorm
