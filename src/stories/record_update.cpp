#include "newsnorm/stories/record_update.hpp"

#include <fmt/format.h>

#include "newsnorm/export/exporter.hpp"
#include "newsnorm/export/record_reader.hpp"
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

// The JSON text of an optional id: null or "…".
std::string id_json(const std::optional<std::string>& id) { return id ? "\"" + *id + "\"" : "null"; }

// Length of the JSON value at `at` if it is null or a string without escapes (ids are hex), else 0.
std::size_t simple_value_length(std::string_view line, std::size_t at) {
  if (line.substr(at).starts_with("null")) return 4;
  if (at >= line.size() || line[at] != '"') return 0;
  const std::size_t close = line.find('"', at + 1);
  if (close == std::string_view::npos || line.substr(at + 1, close - at - 1).find('\\') != std::string_view::npos)
    return 0;
  return close - at + 1;
}

bool splice(std::string& line, std::string_view key, const std::optional<std::string>& value, std::size_t& at) {
  const std::string label = fmt::format(",\"{}\":", key);
  if (line.compare(at, label.size(), label) != 0) return false;
  at += label.size();
  const std::size_t length = simple_value_length(line, at);
  if (length == 0) return false;
  const std::string text = id_json(value);
  line.replace(at, length, text);
  at += text.size();
  return true;
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

bool has_blank_story_fields(std::string_view line) {
  // Made once: asked of every record ingest writes.
  static const std::string head = fmt::format("{{\"{}\":\"", key_of(&Article::id));
  static const std::string blank =
      fmt::format(",\"{}\":null,\"{}\":null", key_of(&Article::story_id), key_of(&Article::duplicate_of));
  const std::size_t at = head.size() + 17;  // as set_story_fields: the id's 16 digits and closing quote
  return line.starts_with(head) && line.substr(std::min(at, line.size()), blank.size()) == blank;
}

std::size_t story_fields_growth(const std::optional<std::string>& story_id,
                                const std::optional<std::string>& duplicate_of) {
  return id_json(story_id).size() + id_json(duplicate_of).size() - 8;  // each replaces a null
}

void set_story_fields(std::string& line, const std::optional<std::string>& story_id,
                      const std::optional<std::string>& duplicate_of) {
  // The id, then storyId and duplicateOf, as the exporter writes them.
  const std::string head = fmt::format("{{\"{}\":\"", key_of(&Article::id));
  std::size_t at = head.size() + 17;  // the id's 16 digits and closing quote
  // In place: a splice replaces one whole JSON value, so a line where only the first worked is
  // still a record, and the full way below sets both fields again.
  if (line.starts_with(head) && splice(line, key_of(&Article::story_id), story_id, at) &&
      splice(line, key_of(&Article::duplicate_of), duplicate_of, at))
    return;
  const bool newline = line.ends_with('\n');
  Article article = read_record(Json::parse(line));
  article.story_id = story_id;
  article.duplicate_of = duplicate_of;
  line.clear();
  append_record(line, article);
  if (!newline) line.pop_back();
}

}  // namespace newsnorm::stories
