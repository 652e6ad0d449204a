#include "newsnorm/stories/record_update.hpp"

#include <fmt/format.h>

#include "newsnorm/model/identity.hpp"
#include "newsnorm/model/record_fields.hpp"

namespace newsnorm::stories {
namespace {

template <typename T>
void fill(Article& bare, T& field, const T& value, std::string_view key, const std::string& origin) {
  if (field || !value) return;
  field = value;
  bare.warn(code::normalize_related, {}, fmt::format("{}: from {}", key, origin));
}

}  // namespace

Signature sign(Article& article) {
  const std::string_view text = article.text ? std::string_view(*article.text) : std::string_view(article.body);
  Signature signature = make_signature(article.title.value_or(""), article.excerpt.value_or(""), text);
  article.signature = encode_signature(signature);
  return signature;
}

void take_metadata(Article& bare, const Article& known, std::uint32_t related_index) {
  const bool own = related_index == Anchor::kOwnRecord;
  const std::string origin = own ? fmt::format("record {}", known.id)
                                 : fmt::format("{}[{}] of {}", key_of(&Article::related), related_index, known.id);
  const Related* entry = own ? nullptr : &known.related.at(related_index);
  const Links& links = own ? static_cast<const Links&>(known) : static_cast<const Links&>(*entry);
  for (const Field<Links>& field : fields_of<Links>()) {
    std::visit(
        [&](auto member) {
          using T = std::remove_cvref_t<decltype(links.*member)>;
          if constexpr (std::is_same_v<T, std::optional<std::string>>)
            fill(bare, static_cast<Links&>(bare).*member, links.*member, field.key, origin);
        },
        field.member);
  }
  fill(bare, bare.title, own ? known.title : entry->title, key_of(&Article::title), origin);
  fill(bare, bare.provider, own ? known.provider : entry->provider, key_of(&Article::provider), origin);
  bare.id = article_id(bare);
  sign(bare);
}

}  // namespace newsnorm::stories
