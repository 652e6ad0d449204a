#pragma once
// The one description of the record. Every field of an article, a related entry, an image, a
// provider and a source is an entry here: its key, where it lives in the model, whether it comes
// from the header or is worked out, how it is written, checked and merged. Reading headers into the
// model, export, reading records back, the JSON Schema, `validate --require`, the related-merge
// rules, URL choice and the fuzzer's typed keys are all derived from these tables, so adding a
// field is one entry (record_fields.cpp) plus its tests.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "newsnorm/core/diagnostic.hpp"
#include "newsnorm/core/json.hpp"
#include "newsnorm/model/article.hpp"

namespace newsnorm {

// Where a field lives in struct S; the alternative says its C++ type and so its JSON type.
template <typename S>
using Member = std::variant<std::string S::*,                 // text, never null
                            std::optional<std::string> S::*,  // text or null
                            std::optional<std::int64_t> S::*, std::optional<bool> S::*, std::vector<std::string> S::*,
                            std::vector<Image> S::*, std::optional<Provider> S::*, std::vector<Related> S::*,
                            std::vector<Author> S::*,
                            Json S::*,  // kept as given (extra, provider logos and authors)
                            Source S::*, Format S::*, std::uint64_t S::*, std::vector<Diagnostic> S::*>;

enum class Origin {
  header,   // read from the header key of the same name
  derived,  // worked out by the normalizer (url, dedupeKey, text) or the run (id, source, warnings)
  extra,    // the header keys no other field took
};

enum class Rule {
  plain,
  date,         // RFC 3339 in UTC; what cannot be read is null, with the original kept under extra
  verbatim,     // passed through untouched: text only, no coercion of numbers or booleans
  inline_text,  // the normalizer cleans it as one line of text (entities, tags, mojibake, NFC)
  body,         // the normalizer cleans it as a body (line endings, trailing spaces, blank lines)
  record_id,    // 16 lower-case hex digits
};

enum class Merge {
  fill,     // related entries merged into one: the first's value stays, gaps are filled
  highest,  // the highest value wins
  chosen,   // set by URL choice, which merges it itself (a non-AMP address wins)
};

template <typename S>
struct Field {
  std::string_view key;
  Member<S> member;
  std::string_view description;
  Origin origin = Origin::header;
  Rule rule = Rule::plain;
  bool omit_when_empty = false;  // left out of the record when null or empty, instead of written as null
  bool requirable = false;       // `validate --require` may name it
  bool required_by_default = false;
  Merge merge = Merge::fill;
  int url_rank = 0;  // > 0: a candidate for the canonical url, in this order of preference
};

template <typename S>
std::span<const Field<S>> fields_of();
template <>
std::span<const Field<Links>> fields_of<Links>();
template <>
std::span<const Field<Article>> fields_of<Article>();
template <>
std::span<const Field<Related>> fields_of<Related>();
template <>
std::span<const Field<Image>> fields_of<Image>();
template <>
std::span<const Field<Provider>> fields_of<Provider>();
template <>
std::span<const Field<Author>> fields_of<Author>();
template <>
std::span<const Field<Source>> fields_of<Source>();

// The entry for a header key, or null when the key is not a field's (it goes to extra).
template <typename S>
const Field<S>* header_field(std::string_view key) {
  for (const Field<S>& field : fields_of<S>())
    if (field.origin == Origin::header && field.key == key) return &field;
  return nullptr;
}

// The entry of a member: `field_of(&Article::title).key` is "title", without spelling it again.
template <typename S, typename T>
const Field<S>& field_of(T S::*member) {
  for (const Field<S>& field : fields_of<S>())
    if (const auto* held = std::get_if<T S::*>(&field.member); held && *held == member) return field;
  throw std::logic_error("a member without a field entry");
}
template <typename S, typename T>
std::string_view key_of(T S::*member) {
  return field_of(member).key;
}

// The object under which a struct keeps the header keys no field took.
template <typename S>
Json& extra_of(S& object) {
  for (const Field<S>& field : fields_of<S>())
    if (field.origin == Origin::extra) return object.*std::get<Json S::*>(field.member);
  throw std::logic_error("a struct without an extra field");
}

// Fields `validate --require` may name, and the ones it requires by default.
std::vector<std::string> requirable_fields();
std::vector<std::string> default_required_fields();
// Whether an article has a (non-empty) value for a requirable field.
bool has_field_value(const Article& article, std::string_view key);

// The header keys that become typed article fields: every other top-level key lands under extra.
std::vector<std::string> typed_header_keys();

// The url candidates of an article or related entry, in order of preference.
struct UrlCandidate {
  std::string_view key;
  const std::optional<std::string>* value;
};
std::vector<UrlCandidate> url_candidates(const Links& links);

}  // namespace newsnorm
