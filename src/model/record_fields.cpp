// The record's fields, each written once. Order here is the order of keys in every record.
#include "newsnorm/model/record_fields.hpp"

#include <algorithm>

namespace newsnorm {
namespace {

using F = Origin;

// The date and addresses an article and a related entry share.
std::vector<Field<Links>> links_fields() {
  return {
      {"publishedDateTime", &Links::published_date_time, "When it was published, RFC 3339 in UTC", F::header,
       Rule::date, false, true, true},
      {"url", &Links::url,
       "The canonical address: the best non-AMP URL among webUrl, originalUrl, ampWebUrl and cdnAmpWebUrl, without "
       "tracking parameters, fragment or default port",
       F::derived, Rule::plain, false, true, true, Merge::chosen},
      {"dedupeKey", &Links::dedupe_key,
       "The canonical URL with scheme, www., AMP forms, trailing slash and parameter order folded away: the same "
       "story has the same key",
       F::derived, Rule::plain, false, false, false, Merge::chosen},
      {"webUrl", &Links::web_url, "Web address, as given", F::header, Rule::plain, false, true, false, Merge::fill, 2},
      {"originalUrl", &Links::original_url, "Original address, as given", F::header, Rule::plain, false, true, false,
       Merge::fill, 3},
      {"ampWebUrl", &Links::amp_web_url, "AMP address, as given", F::header, Rule::plain, false, false, false,
       Merge::fill, 4},
      {"cdnAmpWebUrl", &Links::cdn_amp_web_url, "AMP cache address, as given", F::header, Rule::plain, false, false,
       false, Merge::fill, 5},
      // The address a site generator's header declares as canonical: the best candidate of all.
      {"canonicalUrl", &Links::canonical_url,
       "Canonical address the header declared (canonical_url, permalink, url…), as given; a site-relative one is "
       "resolved against --base-url",
       F::header, Rule::plain, true, true, false, Merge::fill, 1},
  };
}

// A Links entry as an entry of a struct derived from Links.
template <typename D>
Field<D> rebased(const Field<Links>& field) {
  Field<D> out{field.key,         {},
               field.description, field.origin,
               field.rule,        field.omit_when_empty,
               field.requirable,  field.required_by_default,
               field.merge,       field.url_rank};
  std::visit(
      [&](auto member) {
        using T = std::remove_reference_t<decltype(std::declval<Links>().*member)>;
        out.member = static_cast<T D::*>(member);
      },
      field.member);
  return out;
}

template <typename D>
void append_links(std::vector<Field<D>>& fields) {
  for (const Field<Links>& field : fields_of<Links>()) fields.push_back(rebased<D>(field));
}

const char kExtraDescription[] = "Keys the input had beyond the ones above, verbatim";

std::vector<Field<Image>> image_fields() {
  return {
      {"url", &Image::url, "Address of the image, as given"},
      {"width", &Image::width, "Width in pixels"},
      {"height", &Image::height, "Height in pixels"},
      {"title", &Image::title, "Title or caption"},
      {"isCached", &Image::is_cached, "Whether the publisher cached the image"},
      {"credit", &Image::credit, "Who the image is by, as the credit line says", F::header, Rule::plain, true},
      {"extra", &Image::extra, kExtraDescription, F::extra, Rule::plain, true},
  };
}

std::vector<Field<Author>> author_fields() {
  return {
      {"name", &Author::name, "The author's name", F::header, Rule::inline_text},
      {"url", &Author::url, "The author's page"},
      {"role", &Author::role, "The author's title, such as Senior Editor", F::header, Rule::plain, true},
      {"bio", &Author::bio, "The author's short biography", F::header, Rule::plain, true},
      {"extra", &Author::extra, kExtraDescription, F::extra, Rule::plain, true},
  };
}

std::vector<Field<Provider>> provider_fields() {
  return {
      {"name", &Provider::name, "Name of the publisher, channel or author", F::header, Rule::inline_text},
      {"domain", &Provider::domain, "The provider's registrable domain"},
      {"images", &Provider::images, "Logos of the provider, as given", F::header, Rule::plain, true},
      {"authors", &Provider::authors, "Authors, as given", F::header, Rule::plain, true},
      {"extra", &Provider::extra, kExtraDescription, F::extra, Rule::plain, true},
  };
}

std::vector<Field<Source>> source_fields() {
  return {
      {"path", &Source::path, "The path as given or found; '-' for standard input", F::derived},
      {"format", &Source::format, "The header's format, or text for a file without front matter", F::derived},
      {"bytes", &Source::bytes, "Size of the input in bytes", F::derived},
  };
}

std::vector<Field<Related>> related_fields() {
  std::vector<Field<Related>> fields = {
      {"title", &Related::title, "Title of the related article", F::header, Rule::inline_text},
      {"excerpt", &Related::excerpt, "Its excerpt", F::header, Rule::inline_text},
  };
  append_links(fields);
  const std::vector<Field<Related>> rest = {
      {"type", &Related::type, "Its type, such as article or video"},
      {"provider", &Related::provider, "Who published it"},
      {"quality", &Related::quality, "Its quality score", F::header, Rule::plain, false, false, false, Merge::highest},
      {"images", &Related::images, "Its images"},
      {"extra", &Related::extra, kExtraDescription, F::extra, Rule::plain, true},
  };
  fields.insert(fields.end(), rest.begin(), rest.end());
  return fields;
}

std::vector<Field<Article>> article_fields() {
  std::vector<Field<Article>> fields = {
      {"id", &Article::id,
       "Stable id: 16 hex digits of XXH64 of the dedupe key, so a story has one id wherever it is found; without "
       "a URL, of the title, the body and the whole header",
       F::derived, Rule::record_id},
      {"storyId", &Article::story_id,
       "The story this record reports: the id of the story's first record. Records reporting one event share it; "
       "null when stories were not worked out (--no-stories)",
       F::derived, Rule::record_id},
      {"duplicateOf", &Article::duplicate_of,
       "The id of the earlier record whose article this one repeats (the same address, or near-identical text "
       "under another), or null",
       F::derived, Rule::record_id},
      {"replaces", &Article::replaces,
       "Only on a record a later run writes again because it learned something about it: the id the record had",
       F::derived, Rule::record_id, true},
      {"source", &Article::source, "Where the record came from", F::derived},
      {"type", &Article::type,
       "The header's type; when it names none, the type a project configuration gives its path, else article"},
      {"category", &Article::category, "The header's category", F::header, Rule::plain, false, true},
      {"title", &Article::title, "Title; for bare text, a short first line followed by a blank line", F::header,
       Rule::inline_text, false, true, true},
      {"excerpt", &Article::excerpt, "Short summary", F::header, Rule::inline_text, false, true},
      {"body", &Article::body, "The text after the header, cleaned; empty when there is none", F::derived, Rule::body,
       false, true},
      {"text", &Article::text, "Plain text of the body: markdown and HTML rendered, plain text as it is", F::derived,
       Rule::plain, true},
  };
  append_links(fields);
  const std::vector<Field<Article>> rest = {
      {"updatedDateTime", &Article::updated_date_time, "When it was last updated, RFC 3339 in UTC", F::header,
       Rule::date, false, true},
      {"authors", &Article::authors, "Who wrote it", F::header, Rule::plain, false, true},
      {"language", &Article::language, "Its language, as given (a BCP 47 tag such as en or pt-BR)", F::header,
       Rule::plain, false, true},
      {"provider", &Article::provider, "Who published it", F::header, Rule::plain, false, true},
      {"topics", &Article::topics, "Topics", F::header, Rule::plain, false, true},
      {"images", &Article::images, "Images", F::header, Rule::plain, false, true},
      {"related", &Article::related, "Related articles", F::header, Rule::plain, false, true},
      {"quality", &Article::quality, "Quality score", F::header, Rule::plain, false, true},
      {"heat", &Article::heat, "Popularity score", F::header, Rule::plain, false, true},
      {"published", &Article::published, "Whether it is published", F::header, Rule::plain, false, true},
      {"secured", &Article::secured, "Opaque signature blob, passed through untouched", F::header, Rule::verbatim,
       false, true},
      {"extra", &Article::extra, "Every other header key, verbatim", F::extra},
      {"fieldSources", &Article::field_sources,
       "For each field read from another header key (date, description, tags…), that key", F::derived, Rule::plain,
       true},
      {"signature", &Article::signature,
       "Compact signature of title, excerpt and text (MinHash bins and the most telling words), which `newsnorm "
       "stories` compares records on without their texts",
       F::derived, Rule::verbatim, true},
      {"warnings", &Article::warnings, "Every coercion, repair or doubt, in words", F::derived},
  };
  fields.insert(fields.end(), rest.begin(), rest.end());
  return fields;
}

}  // namespace

// Function-local statics: safe to use from other files' static initializers.
template <>
std::span<const Field<Links>> fields_of<Links>() {
  static const std::vector<Field<Links>> fields = links_fields();
  return fields;
}
template <>
std::span<const Field<Article>> fields_of<Article>() {
  static const std::vector<Field<Article>> fields = article_fields();
  return fields;
}
template <>
std::span<const Field<Related>> fields_of<Related>() {
  static const std::vector<Field<Related>> fields = related_fields();
  return fields;
}
template <>
std::span<const Field<Image>> fields_of<Image>() {
  static const std::vector<Field<Image>> fields = image_fields();
  return fields;
}
template <>
std::span<const Field<Provider>> fields_of<Provider>() {
  static const std::vector<Field<Provider>> fields = provider_fields();
  return fields;
}
template <>
std::span<const Field<Author>> fields_of<Author>() {
  static const std::vector<Field<Author>> fields = author_fields();
  return fields;
}
template <>
std::span<const Field<Source>> fields_of<Source>() {
  static const std::vector<Field<Source>> fields = source_fields();
  return fields;
}

std::vector<std::string> requirable_fields() {
  std::vector<std::string> out;
  for (const auto& field : fields_of<Article>())
    if (field.requirable) out.emplace_back(field.key);
  return out;
}

std::vector<std::string> default_required_fields() {
  std::vector<std::string> out;
  for (const auto& field : fields_of<Article>())
    if (field.required_by_default) out.emplace_back(field.key);
  return out;
}

bool has_field_value(const Article& article, std::string_view key) {
  const auto& fields = fields_of<Article>();
  const auto found = std::find_if(fields.begin(), fields.end(), [&](const auto& f) { return f.key == key; });
  if (found == fields.end()) return false;
  return std::visit(
      [&](auto member) {
        const auto& value = article.*member;
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, std::optional<std::string>>)
          return value.has_value() && !value->empty();
        else if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, Json>)
          return !value.empty();
        else if constexpr (requires { value.has_value(); })
          return value.has_value();
        else if constexpr (requires { value.empty(); })
          return !value.empty();
        else
          return true;
      },
      found->member);
}

std::vector<std::string> typed_header_keys() {
  std::vector<std::string> out;
  for (const auto& field : fields_of<Article>())
    if (field.origin == Origin::header) out.emplace_back(field.key);
  return out;
}

std::vector<UrlCandidate> url_candidates(const Links& links) {
  std::vector<const Field<Links>*> ranked;
  for (const auto& field : fields_of<Links>())
    if (field.url_rank > 0) ranked.push_back(&field);
  std::sort(ranked.begin(), ranked.end(), [](auto* a, auto* b) { return a->url_rank < b->url_rank; });
  std::vector<UrlCandidate> out;
  for (const auto* field : ranked)
    out.push_back({field->key, &(links.*std::get<std::optional<std::string> Links::*>(field->member))});
  return out;
}

}  // namespace newsnorm
